using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SagaFunctions.FunctionApp.Tests.Storage;

/// <summary>
/// Azurite (the Azure Storage emulator, npm <c>azurite</c> pinned by <c>tests/package.json</c> and its lock file) for
/// the tests of this collection: installs it with <c>npm ci</c> when <c>tests/node_modules</c> lacks it, starts it in
/// memory on three free loopback ports (blob, queue, table), waits until all three accept connections, and kills it on
/// dispose. Anything missing (Node.js, the npm install, a port) fails every test of the collection with the reason;
/// nothing is skipped.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    /// <summary>Azurite's well-known development account (public, documented; not a secret).</summary>
    public const string AccountName = "devstoreaccount1";

    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);

    private readonly StringBuilder _output = new();
    private Process? _process;
    private string? _workspace;

    /// <summary>The connection string of the running emulator (explicit endpoints, since the ports are not the defaults).</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    public int BlobPort { get; private set; }

    public int QueuePort { get; private set; }

    public int TablePort { get; private set; }

    public async Task InitializeAsync()
    {
        var toolsDirectory = FindToolsDirectory();
        var azurite = Path.Combine(toolsDirectory, "node_modules", ".bin", OperatingSystem.IsWindows() ? "azurite.cmd" : "azurite");
        await EnsureInstalledAsync(toolsDirectory, azurite);

        _workspace = Directory.CreateTempSubdirectory("azurite-").FullName;
        (BlobPort, QueuePort, TablePort) = (FreePort(), FreePort(), FreePort());
        var start = new ProcessStartInfo(azurite)
        {
            WorkingDirectory = _workspace,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "--inMemoryPersistence", "--skipApiVersionCheck", "--loose", "--disableTelemetry",
                     "--blobHost", "127.0.0.1", "--blobPort", Port(BlobPort),
                     "--queueHost", "127.0.0.1", "--queuePort", Port(QueuePort),
                     "--tableHost", "127.0.0.1", "--tablePort", Port(TablePort),
                 })
        {
            start.ArgumentList.Add(argument);
        }

        _process = StartProcess(start, _output);
        await WaitUntilListeningAsync();
        ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};" +
            $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};" +
            $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        if (_workspace is not null && Directory.Exists(_workspace))
        {
            Directory.Delete(_workspace, recursive: true);
        }

        return Task.CompletedTask;
    }

    /// <summary><c>tests/</c>: the folder above the test binaries that holds <c>package.json</c>.</summary>
    private static string FindToolsDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "package.json")) && Directory.Exists(Path.Combine(directory.FullName, "FunctionApp.Tests")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"Azurite: no tests/package.json above {AppContext.BaseDirectory}; the tests run from the repository.");
    }

    /// <summary>
    /// <c>npm ci</c> in <c>tests/</c> when Azurite is not installed yet. A lock file serializes this across test
    /// processes that start at once (each would otherwise wipe the other's node_modules).
    /// </summary>
    private static async Task EnsureInstalledAsync(string toolsDirectory, string azurite)
    {
        if (File.Exists(azurite))
        {
            return;
        }

        await using var installLock = await AcquireLockAsync(Path.Combine(toolsDirectory, ".npm-install.lock"));
        if (File.Exists(azurite))
        {
            return;
        }

        var log = new StringBuilder();
        var npm = new ProcessStartInfo(OperatingSystem.IsWindows() ? "npm.cmd" : "npm")
        {
            WorkingDirectory = toolsDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund" })
        {
            npm.ArgumentList.Add(argument);
        }

        using var install = StartProcess(npm, log);
        using var timeout = new CancellationTokenSource(InstallTimeout);
        try
        {
            await install.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            install.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"Azurite: `npm ci` in {toolsDirectory} did not finish within {InstallTimeout}:\n{log}");
        }

        if (install.ExitCode != 0 || !File.Exists(azurite))
        {
            throw new InvalidOperationException(
                $"Azurite: `npm ci` in {toolsDirectory} exited {install.ExitCode} without installing {azurite}:\n{log}");
        }
    }

    private static async Task<FileStream> AcquireLockAsync(string path)
    {
        var deadline = DateTime.UtcNow + InstallTimeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }
        }
    }

    private static Process StartProcess(ProcessStartInfo start, StringBuilder log)
    {
        var started = new Process { StartInfo = start };
        started.OutputDataReceived += (_, e) => Append(log, e.Data);
        started.ErrorDataReceived += (_, e) => Append(log, e.Data);
        try
        {
            started.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            started.Dispose();
            throw new InvalidOperationException(
                $"Azurite: cannot run '{start.FileName}' ({ex.Message}). The Azure Storage tests need Node.js 20+ with npm on PATH.", ex);
        }

        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        return started;
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            while (true)
            {
                if (_process!.HasExited)
                {
                    throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode} before listening on port {port}:\n{Output()}");
                }

                if (await AcceptsAsync(port))
                {
                    break;
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException($"Azurite did not listen on 127.0.0.1:{port} within {StartTimeout}:\n{Output()}");
                }

                await Task.Delay(100);
            }
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Port(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// The tests that share one Azurite. They run by themselves, after the parallel tests: the Azure Storage backend keeps
/// both cores busy, and the in-memory engine's tests judge "idle" by a short quiet window that heavy load can stretch.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
