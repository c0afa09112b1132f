using Microsoft.AspNetCore.DataProtection;
using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Grains.Security;

/// <summary>Encrypts access tokens before they are stored, so the database never holds one in plain text.</summary>
public sealed class AccessTokenProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("RunTasks.AccessToken.v1");

    public RunTaskRequest Protect(RunTaskRequest request) =>
        request with { AccessToken = new AccessToken(_protector.Protect(request.AccessToken.Value)) };

    public RunTaskRequest Unprotect(RunTaskRequest stored) =>
        stored with { AccessToken = new AccessToken(_protector.Unprotect(stored.AccessToken.Value)) };
}
