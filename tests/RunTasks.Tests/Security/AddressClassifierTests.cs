using System.Net;
using RunTasks.Grains.Security;

namespace RunTasks.Tests.Security;

public sealed class AddressClassifierTests
{
    [Theory]
    [InlineData("169.254.169.254", AddressKind.LinkLocal)]
    [InlineData("fe80::1", AddressKind.LinkLocal)]
    [InlineData("::ffff:169.254.169.254", AddressKind.LinkLocal)]
    [InlineData("64:ff9b::a9fe:a9fe", AddressKind.LinkLocal)]
    [InlineData("127.0.0.1", AddressKind.Loopback)]
    [InlineData("127.1.2.3", AddressKind.Loopback)]
    [InlineData("::1", AddressKind.Loopback)]
    [InlineData("10.1.2.3", AddressKind.Private)]
    [InlineData("172.16.0.1", AddressKind.Private)]
    [InlineData("172.31.255.255", AddressKind.Private)]
    [InlineData("192.168.1.1", AddressKind.Private)]
    [InlineData("100.64.0.1", AddressKind.Private)]
    [InlineData("fd12:3456::1", AddressKind.Private)]
    [InlineData("0.0.0.0", AddressKind.Unusable)]
    [InlineData("::", AddressKind.Unusable)]
    [InlineData("224.0.0.1", AddressKind.Unusable)]
    [InlineData("172.32.0.1", AddressKind.Public)]
    [InlineData("100.128.0.1", AddressKind.Public)]
    [InlineData("52.1.2.3", AddressKind.Public)]
    [InlineData("2600:1f18::1", AddressKind.Public)]
    public void Address_is_classified_by_what_it_reaches(string address, AddressKind expected)
    {
        Assert.Equal(expected, AddressClassifier.Classify(IPAddress.Parse(address)));
    }
}
