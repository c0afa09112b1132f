using RunTasks.Grains.Hosting;
namespace RunTasks.Api.Hosting;

/// <summary>Settings under <c>Dashboard</c>. The dashboard shows grain state and topology, so protect it outside a laptop.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    public bool Enabled { get; set; } = true;

    /// <summary>With both set, /dashboard asks for HTTP basic authentication.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    public bool HasCredentials => Username is { Length: > 0 } && Password is { Length: > 0 };
}
