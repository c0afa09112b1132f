namespace RunTasks.Grains.Security;

/// <summary>What an IP address reaches, as far as refusing a plan redirect is concerned.</summary>
public enum AddressKind
{
    Public,
    Loopback,

    /// <summary>RFC 1918, carrier-grade NAT (100.64/10) and IPv6 unique local (fc00::/7) addresses.</summary>
    Private,

    /// <summary>169.254/16 and fe80::/10: among others the cloud metadata service at 169.254.169.254.</summary>
    LinkLocal,

    /// <summary>Unspecified (0.0.0.0 and :: reach this host), multicast, broadcast and reserved addresses.</summary>
    Unusable,
}
