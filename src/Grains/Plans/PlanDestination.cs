using System.Net;
using RunTasks.Grains.Security;

namespace RunTasks.Grains.Plans;

/// <summary>
/// Which addresses one plan request may connect to; carried in the request's options so the connect callback, which
/// resolves the host, checks the very addresses it dials.
/// </summary>
/// <param name="Trusted">The host is <c>plan_json_api_url</c>'s own or named in RunTasks:AllowedHosts: any address.</param>
/// <param name="AllowLoopback">The original plan URL was on loopback, so a redirect may stay there.</param>
/// <param name="AllowPrivate">RunTasks:AllowPrivateRedirects.</param>
public sealed record PlanDestination(bool Trusted, bool AllowLoopback, bool AllowPrivate)
{
    public static readonly HttpRequestOptionsKey<PlanDestination> Key = new("runtasks.plan-destination");

    public static readonly PlanDestination AllowedHost = new(true, true, true);

    /// <summary>The strictest rules, for a request that carries none.</summary>
    public static readonly PlanDestination Unknown = new(false, false, false);

    /// <summary>Null when the address may be dialled, else why not.</summary>
    public string? Refusal(IPAddress address)
    {
        if (Trusted)
        {
            return null;
        }

        return AddressClassifier.Classify(address) switch
        {
            AddressKind.LinkLocal => "a link-local address (such as the cloud metadata service)",
            AddressKind.Unusable => "an unspecified, multicast or reserved address",
            AddressKind.Loopback when !AllowLoopback => "a loopback address",
            AddressKind.Private when !AllowPrivate => "a private address (RunTasks:AllowPrivateRedirects is off)",
            _ => null,
        };
    }
}
