using System.Text;
using Tracking.Simulator.Faults;
using Tracking.Simulator.Tests.Support;

namespace Tracking.Simulator.Tests.Faults;

/// <summary>Each generated fault is refused by the server's own decoder and validator for the reason it was built for.</summary>
public sealed class FaultCatalogueTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 22, 30, 0, TimeSpan.Zero);

    public static TheoryData<string> Names => [.. FaultCatalogue.Build(1, Now).Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void A_fault_case_gets_exactly_the_outcome_it_expects_from_the_servers_decoder_and_validator(string name)
    {
        var fault = FaultCatalogue.Build(1, Now).Single(c => c.Name == name);

        var outcomes = fault.Messages.Select(m => Probe.Decode(m, Now)).ToList();

        // A case over the device's rate decodes whole: the server's rate limit, not its decoder, refuses part of it.
        var decodable = fault.Expected.Limited > 0 ? fault.Messages.Count : fault.Expected.Accepted;
        Assert.Equal(decodable, outcomes.Sum(o => o.Accepted.Count));
        var rejected = outcomes.SelectMany(o => o.Rejected).GroupBy(r => r.Reason).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(fault.Expected.Rejected.OrderBy(e => e.Key), rejected.OrderBy(e => e.Key));
    }

    [Fact]
    public void Every_protocol_gets_malformed_and_oversize_payloads()
    {
        var cases = FaultCatalogue.Build(1, Now);

        foreach (var category in new[] { "malformed", "oversize" })
        {
            var protocols = cases.Where(c => c.Category == category).SelectMany(c => c.Messages).Select(m => m.Protocol).Distinct();
            Assert.Equal(Enum.GetValues<Simulator.Protocols.DeviceProtocol>().Order(), protocols.Order());
        }
    }

    [Fact]
    public void The_same_seed_and_time_give_the_same_fault_bytes()
    {
        static string Bytes(int seed) => string.Join('\n', FaultCatalogue.Build(seed, Now).SelectMany(c => c.Messages).Select(m => m.Topic + m.Query + Encoding.UTF8.GetString(m.Payload)));

        Assert.Equal(Bytes(4), Bytes(4));
        Assert.NotEqual(Bytes(4), Bytes(5));
    }

    [Fact]
    public void Every_case_is_sent_as_a_device_of_its_own()
    {
        var cases = FaultCatalogue.Build(1, Now);

        Assert.Equal(cases.Count, cases.Select(c => c.DeviceId).Distinct().Count());
        Assert.All(cases, c => Assert.All(c.Messages, m => Assert.Equal(c.DeviceId, m.DeviceId)));
    }
}
