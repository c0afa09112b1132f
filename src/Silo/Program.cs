using RunTasks.Grains.Hosting;
using RunTasks.Silo;
using RunTasks.Silo.Schema;

// RunTasks.Silo migrate   → applies the PostgreSQL schema (idempotent) and exits
// RunTasks.Silo           → runs a silo of the cluster; GET /healthz, /readyz and /metrics on its HTTP port, which
//                            is its management port: internal to the cluster network, never published
// A configuration error ends the process with one line naming the key and exit code 1.
return await StartupGuard.RunAsync(async () =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddRunTasksDefaults("runtasks-silo");
    var connectionString = builder.Configuration.GetConnectionString(OrleansOptions.ConnectionStringName)
        ?? throw new StartupException("ConnectionStrings:RunTasks is required (env ConnectionStrings__RunTasks): the silo process runs the PostgreSQL cluster.");
    var orleans = OrleansOptions.Read(builder.Configuration);

    if (args.Contains("migrate") || orleans.MigrateOnStart)
    {
        using var loggers = LoggerFactory.Create(l => l.AddConsole());
        await new SchemaMigrator(connectionString, loggers.CreateLogger<SchemaMigrator>()).ApplyAsync(CancellationToken.None);
        if (args.Contains("migrate"))
        {
            return 0;
        }
    }

    SiloPortGuard.EnsureFree(orleans);
    builder.UseOrleans(silo => silo.AddRunTasksClusterSilo(builder.Configuration, connectionString).AddActivityPropagation());
    builder.Services.AddHealthChecks().AddCheck<SiloHealthCheck>("silo", tags: [RunTasksDefaults.Ready]);

    var app = builder.Build();
    await using (app)
    {
        app.MapRunTasksDefaults();
        app.MapPrometheusScrapingEndpoint("/metrics");
        var urls = app.Configuration[Microsoft.AspNetCore.Hosting.WebHostDefaults.ServerUrlsKey]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        StartupGuard.CheckBeforeStart(app, urls.Select(u => (u, "ASPNETCORE_URLS or --urls")));
        await app.RunAsync();
    }
    return 0;
});
