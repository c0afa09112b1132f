using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RunTasks.Api.Intake;
using RunTasks.Api.Protocol;
using RunTasks.Grains.Configuration;

namespace RunTasks.Api.Endpoints;

/// <summary>POST /run-task: verify, parse, hand to the intake (grain or durable inbox), and answer 200 before any work happens.</summary>
public static partial class RunTaskEndpoints
{
    public static IEndpointRouteBuilder MapRunTaskEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/run-task", ReceiveAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<Results<Ok, ProblemHttpResult>> ReceiveAsync(
        HttpContext context, IRequestIntake intake, IOptionsSnapshot<RunTasksOptions> options, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(RunTaskEndpoints));
        var settings = options.Value;
        var (body, refusal) = await ReadBodyAsync(context, settings.MaxRequestBytes);
        if (body is null)
        {
            LogRefused(logger, refusal.Status, refusal.Title);
            return Problem(refusal.Status, refusal.Title, refusal.Detail);
        }

        var signature = RequestSignature.HeaderNames.Select(h => context.Request.Headers[h].ToString()).FirstOrDefault(v => v.Length > 0);
        if (settings.HmacKeys.Length > 0 && !RequestSignature.IsValid(signature, body, settings.HmacKeys))
        {
            LogRefused(logger, 401, "missing or invalid signature");
            return Problem(401, "Invalid signature", "X-TFC-Task-Signature is missing or does not match any configured HMAC key.");
        }
        if (settings.HmacKeys.Length == 0 && signature is not null)
        {
            LogRefused(logger, 400, "signed, but no HMAC key configured");
            return Problem(400, "Unexpected signature", "The request is signed, but no HMAC key is configured here (RunTasks:HmacKeys).");
        }

        var read = RunTaskRequestReader.Read(body, settings);
        if (read.IsVerification)
        {
            LogVerification(logger);
            return TypedResults.Ok();
        }
        if (read.Request is not { } request)
        {
            LogRefused(logger, read.StatusCode, read.Title!);
            return Problem(read.StatusCode, read.Title!, read.Detail!);
        }

        var result = await intake.AcceptAsync(request, context.RequestAborted);
        if (result == IntakeResult.Unavailable)
        {
            return Problem(503, "Temporarily unavailable", "The request could not be recorded; HCP Terraform will retry.");
        }

        LogReceived(logger, request.TaskResultId, request.Stage, result);
        Telemetry.HookOutcome.Record(context, result);
        return TypedResults.Ok();
    }

    /// <summary>
    /// Buffers the exact bytes (the HMAC covers them). A body the client gets wrong (too large, malformed chunks, shorter
    /// than its Content-Length, slower than Kestrel's minimum rate, or abandoned) is the client's fault: a 4xx, not a 500.
    /// </summary>
    private static async Task<(byte[]? Body, BodyRefusal Refusal)> ReadBodyAsync(HttpContext context, long limit)
    {
        var tooLarge = new BodyRefusal(413, "Request too large", $"The body exceeds {limit} bytes (RunTasks:MaxRequestBytes).");
        if (context.Request.ContentLength > limit)
        {
            return (null, tooLarge);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return (null, tooLarge);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e)
        {
            return (null, e.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => tooLarge,
                StatusCodes.Status408RequestTimeout => new(408, "Request body too slow", "The body arrived slower than the server's minimum data rate."),
                _ => new(400, "Malformed request body", "The body could not be read: malformed chunked encoding, or shorter than its Content-Length."),
            });
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && context.RequestAborted.IsCancellationRequested)
        {
            return (null, new(400, "Request abandoned", "The client closed the connection before the body was complete."));
        }
        return (buffer.ToArray(), default);
    }

    private readonly record struct BodyRefusal(int Status, string Title, string Detail);

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Run task request for {TaskResultId} at stage {Stage}: {Result}")]
    private static partial void LogReceived(ILogger logger, string taskResultId, string stage, IntakeResult result);

    [LoggerMessage(Level = LogLevel.Information, Message = "Verification request from HCP Terraform answered")]
    private static partial void LogVerification(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run task request refused with {StatusCode}: {Reason}")]
    private static partial void LogRefused(ILogger logger, int statusCode, string reason);
}
