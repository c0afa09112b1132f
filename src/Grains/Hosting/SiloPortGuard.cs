using System.Net;

namespace RunTasks.Grains.Hosting;

/// <summary>
/// Refuses to start a silo whose ports another process already listens on. Orleans binds its listeners with
/// <c>SocketOptionName.ReuseAddress</c>, which .NET on Linux turns into SO_REUSEADDR plus SO_REUSEPORT, so a second
/// process binds the same port without error and the kernel splits incoming connections between the two: messages
/// reach the wrong silo, grains activate twice, callbacks go out twice. Orleans has no option to turn that off, so
/// the ports are tried first with a socket that does not share.
/// </summary>
public static class SiloPortGuard
{
    /// <exception cref="StartupException">A port is taken; the message names the setting.</exception>
    public static void EnsureFree(OrleansOptions settings)
    {
        var taken = new List<string>();
        foreach (var (key, port) in new[] { ("Orleans:SiloPort", settings.SiloPort), ("Orleans:GatewayPort", settings.GatewayPort) })
        {
            if (port > 0 && !ListenPortGuard.IsFree(new IPEndPoint(IPAddress.Any, port))) // the wildcard overlaps every address a silo may listen on
            {
                taken.Add($"{key} ({port})");
            }
        }

        if (taken.Count > 0)
        {
            throw new StartupException(
                $"{string.Join(" and ", taken)} already in use by another process. Two silos on one port would split the cluster's messages " +
                "between them; stop the other process or choose free ports with Orleans:SiloPort / Orleans:GatewayPort.");
        }
    }
}
