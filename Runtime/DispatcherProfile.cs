namespace SagaFunctions.Runtime;

/// <summary>
/// Where the dispatcher thread's time goes (the benchmark's <c>--profile</c>): stopwatch ticks spent running batches
/// (episodes and statements, before the commit), committing (the fsync), and after the commit (handing out work and
/// answers), and how often it waited to be woken. Off (null) unless a benchmark sets it; written by the dispatcher only.
/// </summary>
internal sealed class DispatcherProfile
{
    public long Batches;
    public long WritingCommits;
    public long Waits;
    public long WorkTicks;
    public long CommitTicks;
    public long AfterCommitTicks;
}
