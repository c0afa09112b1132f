using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace RunTasks.Testing;

/// <summary>Configuration versions as HCP Terraform serves them: a .tar.gz of the workspace's files.</summary>
public static class TestArchives
{
    public static byte[] TarGz(params (string Path, string Content)[] files)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (path, content) in files)
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, path) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) });
            }
        }

        return output.ToArray();
    }
}
