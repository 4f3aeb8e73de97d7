using Dashboard.Exports;
using Dashboard.Presentation;
using Dashboard.Reports;
using Dashboard.Statistics;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace CareTransitions.Functions.Http;

/// <summary>
/// The steering group's dashboard and <c>api/statistics</c>, anonymous at the host (App Service Authentication signs
/// users in) and checked here by <see cref="SteeringGroupAccess"/>, over the dashboard's own handlers. The pages'
/// "just now" figures count open transitions through the durable client, so those functions bind one too.
/// </summary>
internal static class DashboardFunctions
{
    [Function("Dashboard")]
    public static async Task<IResult> Page(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext function) =>
        SteeringGroupAccess.Refusal(request, function.UseDurableClient(client))
        ?? await DashboardPages.RenderAsync(request.HttpContext, function.InstanceServices.GetRequiredService<StatisticsService>(), printMode: false, request.HttpContext.RequestAborted);

    [Function("DashboardReport")]
    public static async Task<IResult> Report(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard/rapport")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext function) =>
        SteeringGroupAccess.Refusal(request, function.UseDurableClient(client))
        ?? await DashboardPages.RenderAsync(request.HttpContext, function.InstanceServices.GetRequiredService<StatisticsService>(), printMode: true, request.HttpContext.RequestAborted);

    [Function("DashboardExport")]
    public static async Task<IResult> Export(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard/export/{table}.{format}")] HttpRequest request, string table, string format, [DurableClient] DurableTaskClient client, FunctionContext function) =>
        SteeringGroupAccess.Refusal(request, function.UseDurableClient(client))
        ?? await ExportEndpoints.ExportAsync(table, format, request.HttpContext, function.InstanceServices.GetRequiredService<StatisticsService>(), request.HttpContext.RequestAborted);

    [Function("MonthlyReports")]
    public static async Task<IResult> Reports(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard/rapporter")] HttpRequest request, FunctionContext function)
    {
        var services = function.InstanceServices;
        return SteeringGroupAccess.Refusal(request, services)
            ?? await ReportPages.ListAsync(request.HttpContext, services.GetRequiredService<MonthlyReports>(), services.GetRequiredService<ReportOptions>(), services.GetRequiredService<StatisticsService>(), request.HttpContext.RequestAborted);
    }

    [Function("MonthlyReportOnDemand")]
    public static IResult ReportOnDemand(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard/rapporter/{month}.xlsx")] HttpRequest request, string month, FunctionContext function) =>
        SteeringGroupAccess.Refusal(request, function.InstanceServices)
        ?? ReportPages.OnDemand(month, function.InstanceServices.GetRequiredService<MonthlyReports>(), function.InstanceServices.GetRequiredService<StatisticsService>());

    [Function("MonthlyReportArchived")]
    public static async Task<IResult> ReportArchived(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard/rapporter/arkiv/{month}.xlsx")] HttpRequest request, string month, FunctionContext function) =>
        SteeringGroupAccess.Refusal(request, function.InstanceServices)
        ?? await ReportPages.ArchivedAsync(month, function.InstanceServices.GetRequiredService<MonthlyReports>(), request.HttpContext.RequestAborted);

    [Function("GetStatistics")]
    public static async Task<IResult> Statistics(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/statistics")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext function) =>
        SteeringGroupAccess.Refusal(request, function.UseDurableClient(client))
        ?? await StatisticsApi.GetAsync(request.HttpContext, function.InstanceServices.GetRequiredService<StatisticsService>(), request.HttpContext.RequestAborted);
}
