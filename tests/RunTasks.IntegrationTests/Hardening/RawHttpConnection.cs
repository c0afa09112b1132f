using System.Net.Sockets;
using System.Text;

namespace RunTasks.IntegrationTests.Hardening;

/// <summary>A bare TCP connection to the service, for requests no well-behaved HTTP client would send.</summary>
public sealed class RawHttpConnection : IDisposable
{
    private readonly TcpClient _client = new();
    private NetworkStream _stream = null!;

    public static async Task<RawHttpConnection> OpenAsync(string baseUrl)
    {
        var uri = new Uri(baseUrl);
        var connection = new RawHttpConnection();
        await connection._client.ConnectAsync(uri.Host, uri.Port);
        connection._stream = connection._client.GetStream();
        return connection;
    }

    public Task SendAsync(string text) => _stream.WriteAsync(Encoding.ASCII.GetBytes(text)).AsTask();

    /// <summary>Closes our sending side only, as a client does that has nothing more to send.</summary>
    public void EndSending() => _client.Client.Shutdown(SocketShutdown.Send);

    /// <summary>The status code of the response, or 0 if the server closed (or reset) the connection without one.</summary>
    public async Task<int> ReadStatusAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var buffer = new byte[4096];
        var received = new StringBuilder();
        while (!received.ToString().Contains("\r\n", StringComparison.Ordinal))
        {
            int read;
            try
            {
                read = await _stream.ReadAsync(buffer, cancel.Token);
            }
            catch (IOException)
            {
                return 0;
            }
            if (read == 0)
            {
                return 0;
            }

            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
        // "HTTP/1.1 400 Bad Request"
        return int.Parse(received.ToString().Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose() => _client.Dispose();
}
