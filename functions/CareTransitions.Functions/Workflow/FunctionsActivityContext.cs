using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace CareTransitions.Functions.Workflow;

/// <summary>
/// The SDK's activity context for a class-based activity run from an <c>[ActivityTrigger]</c>: the Functions host
/// hands over the input and the instance id (binding data), not a <see cref="TaskActivityContext"/>.
/// </summary>
internal sealed class FunctionsActivityContext(TaskName name, string instanceId) : TaskActivityContext
{
    public override TaskName Name { get; } = name;

    public override string InstanceId { get; } = instanceId;

    /// <summary>The activity <typeparamref name="TActivity"/> created as the SDK's worker creates it (from DI, per call), and its context.</summary>
    public static (TActivity Activity, FunctionsActivityContext Context) For<TActivity>(FunctionContext function)
        where TActivity : ITaskActivity
    {
        var instanceId = function.BindingContext.BindingData.TryGetValue("instanceId", out var id) ? id?.ToString() ?? "" : "";
        return (ActivatorUtilities.CreateInstance<TActivity>(function.InstanceServices), new FunctionsActivityContext(typeof(TActivity).Name, instanceId));
    }
}
