using System.Net;
using System.Net.Sockets;

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
    // Linux values; SO_REUSEADDR alone still lets a restarted silo bind over connections left in TIME_WAIT.
    private const int SolSocket = 1;
    private const int SoReuseAddr = 2;

    /// <exception cref="InvalidOperationException">A port is taken; the message names the setting.</exception>
    public static void EnsureFree(OrleansOptions settings)
    {
        var taken = new List<string>();
        foreach (var (key, port) in new[] { ("Orleans:SiloPort", settings.SiloPort), ("Orleans:GatewayPort", settings.GatewayPort) })
        {
            if (port > 0 && !IsFree(port))
            {
                taken.Add($"{key} ({port})");
            }
        }

        if (taken.Count > 0)
        {
            throw new InvalidOperationException(
                $"{string.Join(" and ", taken)} already in use by another process. Two silos on one port would split the cluster's messages " +
                "between them; stop the other process or choose free ports with Orleans:SiloPort / Orleans:GatewayPort.");
        }
    }

    private static bool IsFree(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        if (OperatingSystem.IsLinux())
        {
            socket.SetRawSocketOption(SolSocket, SoReuseAddr, BitConverter.GetBytes(1));
        }
        else if (OperatingSystem.IsWindows())
        {
            socket.ExclusiveAddressUse = true;
        }

        try
        {
            // The wildcard address overlaps every address a silo may listen on (loopback in embedded mode, any in a cluster).
            socket.Bind(new IPEndPoint(IPAddress.Any, port));
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            return false;
        }
    }
}
