using Microsoft.Extensions.Diagnostics.HealthChecks;
using RunTasks.Hosting;
using RunTasks.Silo;
using RunTasks.Silo.Schema;
using RunTasks.Telemetry;

// RunTasks.Silo migrate   → applies the PostgreSQL schema (idempotent) and exits
// RunTasks.Silo           → runs a silo of the cluster; GET /healthz, /readyz and /metrics on its HTTP port, which
//                            is its management port: internal to the cluster network, never published
var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddRunTasksDefaults();
var connectionString = builder.Configuration.GetConnectionString(OrleansSettings.ConnectionStringName)
    ?? throw new InvalidOperationException("ConnectionStrings:RunTasks is required: the silo process runs the PostgreSQL cluster.");

if (args.Contains("migrate") || builder.Configuration.GetValue<bool>("Orleans:MigrateOnStart"))
{
    using var loggers = LoggerFactory.Create(l => l.AddConsole());
    await new SchemaMigrator(connectionString, loggers.CreateLogger<SchemaMigrator>()).ApplyAsync(CancellationToken.None);
    if (args.Contains("migrate"))
        return 0;
}

SiloPortGuard.EnsureFree(builder.Configuration.GetSection(OrleansSettings.Section).Get<OrleansSettings>() ?? new());
builder.UseOrleans(silo => silo.AddRunTasksClusterSilo(builder.Configuration, connectionString).AddActivityPropagation());
builder.Services.AddHealthChecks().AddCheck<SiloHealthCheck>("silo", tags: ["ready"]);
builder.Services.AddRunTasksTelemetry(builder.Configuration, "runtasks-silo");

var app = builder.Build();
app.MapHealthChecks("/healthz", new() { Predicate = _ => false });
app.MapHealthChecks("/readyz", new() { Predicate = check => check.Tags.Contains("ready") });
app.MapPrometheusScrapingEndpoint("/metrics");
await app.RunAsync();
return 0;
