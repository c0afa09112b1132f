using System.Net;
using System.Net.Sockets;

namespace RunTasks.Grains.Plans;

/// <summary>
/// The plan client's connection handler: no automatic redirects (the 307 is followed by <see cref="PlanDownloader"/>
/// without the token), no proxy (the address check must see the real destination), and every connection made only
/// after the host is resolved and each address checked against the request's <see cref="PlanDestination"/>, so a DNS
/// name cannot smuggle a redirect onto a refused address.
/// </summary>
public static class PlanHttpHandler
{
    public static SocketsHttpHandler Create() => new()
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.All,
        UseProxy = false,
        ConnectCallback = ConnectAsync,
    };

    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var destination = context.InitialRequestMessage.Options.TryGetValue(PlanDestination.Key, out var rules) ? rules : PlanDestination.Unknown;
        var (host, port) = (context.DnsEndPoint.Host, context.DnsEndPoint.Port);
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        string? refusal = null;
        SocketException? failure = null;
        foreach (var address in addresses)
        {
            if (destination.Refusal(address) is { } why)
            {
                refusal ??= why;
                continue;
            }
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                failure = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        if (failure is not null)
        {
            throw failure;
        }

        throw new PlanUnavailableException(
            $"The plan download was redirected to '{host}', which resolves to {refusal ?? "no address"}; RunTasks refuses to follow it.",
            transient: refusal is null);
    }
}
