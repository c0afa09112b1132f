using System.Net;
using System.Net.Sockets;

namespace RunTasks.Grains.Security;

/// <summary>Sorts IP addresses into the kinds a redirect may or may not reach.</summary>
public static class AddressClassifier
{
    public static AddressKind Classify(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return address.AddressFamily == AddressFamily.InterNetwork ? ClassifyV4(address.GetAddressBytes()) : ClassifyV6(address);
    }

    private static AddressKind ClassifyV4(byte[] b) => b switch
    {
        [127, ..] => AddressKind.Loopback,
        [0, ..] => AddressKind.Unusable,
        [169, 254, ..] => AddressKind.LinkLocal,
        [10, ..] => AddressKind.Private,
        [172, >= 16 and <= 31, ..] => AddressKind.Private,
        [192, 168, ..] => AddressKind.Private,
        [100, >= 64 and <= 127, ..] => AddressKind.Private,
        [>= 224, ..] => AddressKind.Unusable,
        _ => AddressKind.Public,
    };

    private static AddressKind ClassifyV6(IPAddress address)
    {
        if (IPAddress.IsLoopback(address))
        {
            return AddressKind.Loopback;
        }

        if (address.Equals(IPAddress.IPv6Any))
        {
            return AddressKind.Unusable;
        }

        var b = address.GetAddressBytes();
        // NAT64 (64:ff9b::/96) reaches the IPv4 address in its last four bytes.
        if (b is [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, ..])
        {
            return ClassifyV4(b[12..]);
        }

        return b switch
        {
            [0xfe, >= 0x80 and <= 0xbf, ..] => AddressKind.LinkLocal,
            [0xfe, >= 0xc0, ..] => AddressKind.Private, // deprecated site-local
            [>= 0xfc and <= 0xfd, ..] => AddressKind.Private,
            [0xff, ..] => AddressKind.Unusable,
            _ => AddressKind.Public,
        };
    }
}
