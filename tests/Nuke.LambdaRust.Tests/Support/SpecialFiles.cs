using System.Net.Sockets;

namespace Nuke.LambdaRust.Tests.Support;

/// <summary>Real FIFOs and Unix sockets for tests (made with coreutils' mkfifo and a bound socket).</summary>
internal static class SpecialFiles
{
    /// <summary>Makes a named pipe at <paramref name="path"/> (creating its folder) and returns the path.</summary>
    public static async Task<string> FifoAsync(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await TestTools.RunAsync("mkfifo", path);
        return path;
    }

    /// <summary>Binds a Unix domain socket at <paramref name="path"/>; the file goes when the returned socket is disposed.</summary>
    public static System.Net.Sockets.Socket Socket(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var socket = new System.Net.Sockets.Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        return socket;
    }

    /// <summary>
    /// Runs <paramref name="action"/>, which must not open the FIFO at <paramref name="fifo"/>. Should it hang in the open
    /// anyway, the FIFO is opened for writing after a minute to release it, and the test fails instead of hanging forever.
    /// </summary>
    public static async Task<T> WithoutHangingOnAsync<T>(string fifo, Func<Task<T>> action)
    {
        var work = Task.Run(action);
        if (await Task.WhenAny(work, Task.Delay(TimeSpan.FromMinutes(1))) != work)
        {
            await using (new FileStream(fifo, FileMode.Open, FileAccess.Write))
            {
            }

            Assert.Fail($"The operation opened the FIFO {fifo} and blocked on it.");
        }

        return await work;
    }
}
