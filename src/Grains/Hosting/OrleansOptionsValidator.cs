using System.Net;
using Microsoft.Extensions.Options;

namespace RunTasks.Grains.Hosting;

/// <summary>Checks <see cref="OrleansOptions"/>, naming each bad key.</summary>
public sealed class OrleansOptionsValidator : IValidateOptions<OrleansOptions>
{
    public ValidateOptionsResult Validate(string? name, OrleansOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClusterId) || string.IsNullOrWhiteSpace(options.ServiceId))
        {
            errors.Add("Orleans:ClusterId and Orleans:ServiceId must not be empty.");
        }

        foreach (var (key, port) in new[] { ("SiloPort", options.SiloPort), ("GatewayPort", options.GatewayPort) })
        {
            if (port is < 1 or > 65535)
            {
                errors.Add($"Orleans:{key} ({port}) must be between 1 and 65535.");
            }
        }

        if (options.SiloPort == options.GatewayPort)
        {
            errors.Add($"Orleans:SiloPort and Orleans:GatewayPort must differ (both {options.SiloPort}).");
        }

        if (options.AdvertisedIP is { Length: > 0 } ip && !IPAddress.TryParse(ip, out _))
        {
            errors.Add($"Orleans:AdvertisedIP '{ip}' is not an IP address.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
