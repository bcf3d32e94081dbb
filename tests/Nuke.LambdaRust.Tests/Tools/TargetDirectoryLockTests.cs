using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Tests.Support;
using Nuke.LambdaRust.Tools;

namespace Nuke.LambdaRust.Tests.Tools;

/// <summary>The target directory's lock against another real process (python3 taking the same flock).</summary>
public sealed class TargetDirectoryLockTests
{
    private const string HoldLock = """
        import fcntl, os, sys, time
        f = open(sys.argv[1], "a+")
        fcntl.flock(f, fcntl.LOCK_EX)
        open(sys.argv[1] + ".owner", "w").write(str(os.getpid()) + "\n")  # as our holders do
        print("locked", flush=True)
        time.sleep(600)
        """;

    private const string TryLock = """
        import fcntl, sys
        f = open(sys.argv[1], "a+")
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
            print("took it")
        except BlockingIOError:
            print("held")
        """;

    [Fact]
    public async Task While_held_another_process_cannot_take_it_and_after_release_it_can()
    {
        using var target = new TestDirectory();
        var path = TargetDirectoryLock.PathFor(target.Path);

        using (await TargetDirectoryLock.AcquireAsync(target.Path, new RecordingLogger(), CancellationToken.None))
            Assert.Equal(["held"], await TestTools.PythonAsync(TryLock, path));

        Assert.Equal(["took it"], await TestTools.PythonAsync(TryLock, path));
    }

    [Fact]
    public async Task A_second_taker_waits_says_who_holds_it_and_gets_it_when_the_holder_is_killed()
    {
        using var target = new TestDirectory();
        var path = TargetDirectoryLock.PathFor(target.Path);
        using var holder = StartHolder(path);
        var logger = new RecordingLogger();

        var acquiring = TargetDirectoryLock.AcquireAsync(target.Path, logger, CancellationToken.None);
        while (!logger.Text.Contains("Waiting for another build", StringComparison.Ordinal))
        {
            Assert.False(acquiring.IsCompleted, "took the lock while another process held it");
            await Task.Delay(50);
        }

        holder.Kill(); // SIGKILL: the kernel releases the lock, nothing of ours runs in the holder
        using var taken = await acquiring.WaitAsync(TimeSpan.FromMinutes(1)); // a guard, not a timing

        Assert.Equal(path, taken.Path);
        Assert.Contains($"Waiting for another build of this workspace to finish: {path} is held by pid {holder.Id}", logger.Text);
        Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning); // said once, not once per poll
    }

    [Fact]
    public async Task Within_one_process_it_is_shared_so_a_target_of_a_run_that_holds_it_can_still_build()
    {
        using var target = new TestDirectory();
        var path = TargetDirectoryLock.PathFor(target.Path);

        var outer = await TargetDirectoryLock.AcquireAsync(target.Path, new RecordingLogger(), CancellationToken.None);
        var inner = await TargetDirectoryLock.AcquireAsync(target.Path, new RecordingLogger(), CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(1));
        inner.Dispose();
        Assert.Equal(["held"], await TestTools.PythonAsync(TryLock, path)); // the outer one still holds it
        outer.Dispose();

        Assert.Equal(["took it"], await TestTools.PythonAsync(TryLock, path));
    }

    [Fact]
    public async Task A_timeout_ends_the_wait_with_the_holder_and_the_fix()
    {
        using var target = new TestDirectory();
        using var holder = StartHolder(TargetDirectoryLock.PathFor(target.Path));

        var error = await Assert.ThrowsAsync<LambdaRustException>(() =>
            TargetDirectoryLock.AcquireAsync(target.Path, new RecordingLogger(), CancellationToken.None, TimeSpan.FromMilliseconds(300)));

        Assert.Contains($"(pid {holder.Id}) still holds {TargetDirectoryLock.PathFor(target.Path)}", error.Problem);
        Assert.Contains("released as soon as its process ends", error.Fix);
    }

    [Fact]
    public async Task A_target_directory_that_is_a_file_is_reported_with_the_path()
    {
        using var directory = new TestDirectory();
        var file = directory.Write("target", "not a folder");

        var error = await Assert.ThrowsAsync<LambdaRustException>(() => TargetDirectoryLock.AcquireAsync(file, new RecordingLogger(), CancellationToken.None));

        Assert.Contains($"Cannot create the lock file {TargetDirectoryLock.PathFor(file)}", error.Problem);
    }

    [Fact]
    public async Task The_build_wrapper_waits_for_another_process_that_holds_the_target_directory_before_running_cargo()
    {
        using var project = new TestDirectory();
        project.Write("Cargo.toml", "[package]\nname = \"waits\"\nversion = \"0.1.0\"\nedition = \"2021\"\n");
        project.Write("src/main.rs", "fn main() {}\n");
        using var holder = StartHolder(TargetDirectoryLock.PathFor(project["target"]));
        var logger = new RecordingLogger();
        using var cancellation = new CancellationTokenSource();

        var build = LambdaRustTasks.CargoBuildAsync(s => s
            .SetManifestPath(project["Cargo.toml"])
            .SetArchitecture(LambdaArchitectures.Host!.Value)
            .SetLogger(logger), cancellation.Token);
        while (!logger.Text.Contains("Waiting for another build", StringComparison.Ordinal))
        {
            Assert.False(build.IsCompleted, "the build did not wait: " + logger.Text);
            await Task.Delay(50);
        }

        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => build);
        Assert.DoesNotContain(" build --", logger.Text); // cargo build never ran (cargo metadata did, before the lock)
        Assert.False(Directory.Exists(project["target/debug"]) || Directory.Exists(project["target/x86_64-unknown-linux-gnu"]));
    }

    /// <summary>A python3 process that holds the flock on <paramref name="path"/> until killed.</summary>
    private static LockHolder StartHolder(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var start = new ProcessStartInfo(TestTools.Require("python3")) { RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(HoldLock);
        start.ArgumentList.Add(path);
        var holder = new LockHolder(Process.Start(start)!);
        Assert.Equal("locked", holder.Process.StandardOutput.ReadLine());
        return holder;
    }

    private sealed class LockHolder(Process process) : IDisposable
    {
        public Process Process { get; } = process;

        public int Id => Process.Id;

        public void Kill()
        {
            Process.Kill();
            Process.WaitForExit();
        }

        public void Dispose()
        {
            if (!Process.HasExited)
                Kill();
            Process.Dispose();
        }
    }
}
