using Tracking.Storage.DeadLetters;

namespace Tracking.Storage.Tests.DeadLetters;

public sealed class DeadLetterWriterTests(MigratedDatabase fixture) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task Dead_letters_are_stored_with_their_raw_bytes()
    {
        byte[] payload = [0x7b, 0x00, 0xff, 0x27];
        var writer = new DeadLetterWriter(fixture.Database.DataSource);

        await writer.WriteAsync([
            new DeadLetter(DateTimeOffset.UtcNow, "tracking/dl-1/fix", "dl-1", "malformed_json", "payload is not well-formed JSON", payload),
            new DeadLetter(DateTimeOffset.UtcNow, "tracking/bad id/fix", null, "bad_device_id", "device id must be …", []),
        ]);

        await using var command = fixture.Database.DataSource.CreateCommand("SELECT payload FROM rejected_messages WHERE device_id = 'dl-1'");
        Assert.Equal(payload, (byte[])(await command.ExecuteScalarAsync())!);
        Assert.Equal(1, await fixture.Database.ScalarAsync("SELECT count(*) FROM rejected_messages WHERE device_id IS NULL AND reason = 'bad_device_id'"));
    }
}
