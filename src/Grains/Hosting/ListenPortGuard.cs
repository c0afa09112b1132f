using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace RunTasks.Grains.Hosting;

/// <summary>
/// Tries the ports a process is about to listen on before anything starts, so a taken port ends start-up with one line
/// naming the setting, not with a Kestrel stack trace after the silo has already joined and must leave again.
/// </summary>
public static class ListenPortGuard
{
    // Linux values; SO_REUSEADDR alone still lets a restarted process bind over connections left in TIME_WAIT.
    private const int SolSocket = 1;
    private const int SoReuseAddr = 2;

    /// <summary>Checks each URL (as in ASPNETCORE_URLS) with the key that sets it; port 0, pipes and host names Kestrel resolves itself are skipped.</summary>
    /// <exception cref="StartupException">A port is taken; the message names the URL and the key.</exception>
    public static void EnsureFree(IEnumerable<(string Url, string Key)> urls)
    {
        foreach (var (url, key) in urls)
        {
            if (EndPointOf(url) is { } endPoint && !IsFree(endPoint))
            {
                throw new StartupException(
                    $"{url}: port {endPoint.Port.ToString(CultureInfo.InvariantCulture)} is already in use by another process; stop it or choose another port with {key}.");
            }
        }
    }

    /// <summary>True when a socket that does not share its port can bind the end point.</summary>
    public static bool IsFree(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        using var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
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
            socket.Bind(endPoint);
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            return false;
        }
        catch (SocketException)
        {
            return true; // e.g. no IPv6 on this machine: not a taken port, Kestrel reports it in its own words
        }
    }

    private static IPEndPoint? EndPointOf(string url)
    {
        BindingAddress address;
        try
        {
            address = BindingAddress.Parse(url);
        }
        catch (FormatException)
        {
            return null; // Kestrel refuses it with its own message
        }

        if (address.IsUnixPipe || address.IsNamedPipe || address.Port == 0)
        {
            return null;
        }

        var host = address.Host.Trim('[', ']');
        if (host is "+" or "*" || host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            // Kestrel binds localhost to both loopbacks and the wildcards to every address; the IPv4 side overlaps both.
            return new IPEndPoint(host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback : IPAddress.Any, address.Port);
        }

        return IPAddress.TryParse(host, out var ip) ? new IPEndPoint(ip, address.Port) : new IPEndPoint(IPAddress.Any, address.Port);
    }
}
