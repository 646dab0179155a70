using System.Net;
using System.Net.Sockets;

namespace Tracking.Benchmarks.EndToEnd;

/// <summary>A loopback TCP port the OS picks (MQTTnet's tests do the same), so a run never collides with a demo on 1883.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until something accepts connections on the port (a broker that finished starting).</summary>
    public static async Task WaitOpenAsync(int port, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }
}
