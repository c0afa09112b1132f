using System.Globalization;

namespace RunTasks.Grains.Storage;

/// <summary>
/// One process per data file: an exclusive lock on <c>FILE.lock</c> (flock on Linux, released by the kernel when the
/// process dies, even by kill -9) and the holder's process id in <c>FILE.pid</c>, so a second process can name it.
/// </summary>
public sealed class DataFileLock : IDisposable
{
    private readonly FileStream _lock;

    private DataFileLock(FileStream lockStream) => _lock = lockStream;

    /// <exception cref="DataFileException">Another process holds the file.</exception>
    public static DataFileLock Acquire(string dataFile)
    {
        FileStream stream;
        try
        {
            // FileShare.None is an exclusive, non-blocking lock that other processes see.
            stream = new FileStream(dataFile + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException && File.Exists(dataFile + ".pid"))
        {
            throw new DataFileException(
                $"The data file {dataFile} is in use by {Holder(dataFile)}. Only one RunTasks process may use a data file: stop the other " +
                "process, or give this one its own RunTasks:DataPath.", e);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new DataFileException($"The data file {dataFile} cannot be locked ({e.Message}); its directory must be writable.", e);
        }

        File.WriteAllText(dataFile + ".pid", string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId} {Environment.MachineName}\n"));
        return new DataFileLock(stream);
    }

    /// <summary>"process 1234 on host h" from the pid file, or a plain "another process" when it cannot be read.</summary>
    private static string Holder(string dataFile)
    {
        try
        {
            var parts = File.ReadAllText(dataFile + ".pid").Split(' ', 2, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            return parts.Length == 2 ? $"process {parts[0]} on host {parts[1]}" : $"process {parts[0]}";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or IndexOutOfRangeException)
        {
            return "another process";
        }
    }

    public void Dispose() => _lock.Dispose();
}
