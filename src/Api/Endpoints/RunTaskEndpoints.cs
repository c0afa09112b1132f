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
        HttpContext context, IRequestIntake intake, IOptionsSnapshot<RunTasksOptions> options, ILoggerFactory loggers, LogRateLimiter limiter)
    {
        var logger = loggers.CreateLogger(typeof(RunTaskEndpoints));
        var settings = options.Value;
        var (body, refusal) = await ReadBodyAsync(context, settings.MaxRequestBytes);
        if (body is null)
        {
            LogUnauthenticatedRefusal(logger, limiter, refusal.Status, refusal.Title);
            return Problem(refusal.Status, refusal.Title, refusal.Detail);
        }

        var signature = RequestSignature.HeaderNames.Select(h => context.Request.Headers[h].ToString()).FirstOrDefault(v => v.Length > 0);
        if (settings.HmacKeys.Length > 0 && !RequestSignature.IsValid(signature, body, settings.HmacKeys))
        {
            LogUnauthenticatedRefusal(logger, limiter, 401, "missing or invalid signature");
            return Problem(401, "Invalid signature", "X-TFC-Task-Signature is missing or does not match any configured HMAC key.");
        }
        if (settings.HmacKeys.Length == 0 && signature is not null)
        {
            LogUnauthenticatedRefusal(logger, limiter, 400, "signed, but no HMAC key configured");
            return Problem(400, "Unexpected signature", "The request is signed, but no HMAC key is configured here (RunTasks:HmacKeys).");
        }

        // Without keys anyone may have sent what follows, so its refusals are rate-limited too.
        var authenticated = settings.HmacKeys.Length > 0;

        var read = RunTaskRequestReader.Read(body, settings);
        if (read.IsVerification)
        {
            LogVerification(logger);
            return TypedResults.Ok();
        }
        if (read.Request is not { } request)
        {
            var suppressed = 0;
            if (authenticated || limiter.TryAcquire($"{read.StatusCode} {read.Title}", out suppressed))
            {
                LogReadRefusal(logger, read, suppressed, limiter.Window);
            }
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

    /// <summary>At most one line per reason every <see cref="LogRateLimiter.Window"/>: anyone can send these.</summary>
    private static void LogUnauthenticatedRefusal(ILogger logger, LogRateLimiter limiter, int status, string reason)
    {
        if (limiter.TryAcquire($"{status} {reason}", out var suppressed))
        {
            LogRefusal(logger, status, reason, suppressed, limiter.Window);
        }
    }

    private static void LogReadRefusal(ILogger logger, RunTaskReadResult read, int suppressed, TimeSpan window)
    {
        if (read.Origin is not { } origin)
        {
            LogRefusal(logger, read.StatusCode, read.Title!, suppressed, window);
        }
        else if (suppressed == 0)
        {
            LogUrlNotAllowed(logger, origin.Field, origin.Scheme, origin.Host, origin.Port, origin.AllowedHostsEntry);
        }
        else
        {
            LogUrlNotAllowedAfterSuppressed(logger, origin.Field, origin.Scheme, origin.Host, origin.Port, origin.AllowedHostsEntry, suppressed, window.TotalSeconds);
        }
    }

    private static void LogRefusal(ILogger logger, int status, string reason, int suppressed, TimeSpan window)
    {
        if (suppressed == 0)
        {
            LogRefused(logger, status, reason);
        }
        else
        {
            LogRefusedAfterSuppressed(logger, status, reason, suppressed, window.TotalSeconds);
        }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run task request refused with {StatusCode}: {Reason} (and {Suppressed} more for this reason not logged, at most one line every {WindowSeconds} s)")]
    private static partial void LogRefusedAfterSuppressed(ILogger logger, int statusCode, string reason, int suppressed, double windowSeconds);

    private const string UrlNotAllowed = "Run task request refused with 422: {Field} points at {Scheme}://{Host}:{Port}, which RunTasks:AllowedHosts does not allow; if that is your HCP Terraform or TFE, add the entry '{AllowedHostsEntry}'";

    [LoggerMessage(Level = LogLevel.Warning, Message = UrlNotAllowed)]
    private static partial void LogUrlNotAllowed(ILogger logger, string field, string scheme, string host, int port, string allowedHostsEntry);

    [LoggerMessage(Level = LogLevel.Warning, Message = UrlNotAllowed + " (and {Suppressed} more not logged, at most one line every {WindowSeconds} s)")]
    private static partial void LogUrlNotAllowedAfterSuppressed(ILogger logger, string field, string scheme, string host, int port, string allowedHostsEntry, int suppressed, double windowSeconds);
}
