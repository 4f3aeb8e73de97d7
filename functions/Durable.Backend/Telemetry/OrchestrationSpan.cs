using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Google.Protobuf.WellKnownTypes;
using P = Microsoft.DurableTask.Protobuf;

namespace Durable.Backend.Telemetry;

/// <summary>
/// The orchestration span's identity, handed to the worker with every step (<c>OrchestratorRequest.orchestrationTraceContext</c>).
/// Microsoft's worker starts an <c>orchestration:…</c> span on every step and exports only the last one, when the
/// orchestration completes; each step's activity spans hang from the span id it had at that step. Given the same
/// span id and start time on every step, the exported span is the parent of them all, so the trace has no gaps.
/// </summary>
/// <remarks>
/// Derived, not stored: a hash of the instance and execution ids and the ExecutionStarted time, the same in every
/// backend process and after a restart, with nothing added to the store.
/// </remarks>
internal static class OrchestrationSpan
{
    public static P.OrchestrationTraceContext For(string instanceId, string? executionId, IEnumerable<P.HistoryEvent> events)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{instanceId}\n{executionId}"));
        // An all-zero span id is invalid; one byte set keeps the other 63 bits of the hash.
        hash[0] |= 1;
        var started = events.FirstOrDefault(e => e.EventTypeCase == P.HistoryEvent.EventTypeOneofCase.ExecutionStarted)?.Timestamp;
        return new P.OrchestrationTraceContext
        {
            SpanID = ActivitySpanId.CreateFromBytes(hash.AsSpan(0, 8)).ToHexString(),
            SpanStartTime = started is null ? null : new Timestamp(started),
        };
    }
}
