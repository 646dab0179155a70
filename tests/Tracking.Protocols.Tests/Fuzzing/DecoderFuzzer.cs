using System.Globalization;
using Tracking.Core.Fixes;
using Tracking.Core.Validation;

namespace Tracking.Protocols.Tests.Fuzzing;

/// <summary>
/// Seeded, repeatable fuzzing of a decoder: random bytes, and mutations of real payloads (bit flips, byte
/// substitutions, insertions, deletions, truncations, splices of two seeds, interesting values). Each input must
/// give, without an exception, either fixes or named rejections, and every fix must be well formed.
/// CI runs <see cref="DefaultIterations"/> per decoder; set <c>TRACKING_FUZZ_ITERATIONS</c> (e.g. 1000000) for a full run.
/// </summary>
public static class DecoderFuzzer
{
    public const int DefaultIterations = 20_000;

    /// <summary>A decoder under test, in the shape every decoder of Tracking.Protocols has.</summary>
    public delegate void Decoder(ReadOnlySpan<byte> payload, in DecodeContext context, List<Fix> fixes, List<Rejection> rejections);

    public static int Iterations =>
        Environment.GetEnvironmentVariable("TRACKING_FUZZ_ITERATIONS") is { Length: > 0 } text
            ? int.Parse(text, CultureInfo.InvariantCulture)
            : DefaultIterations;

    private static readonly byte[] Interesting = [0, 1, 0x7f, 0x80, 0xff, (byte)',', (byte)'*', (byte)'$', (byte)'"', (byte)'{', (byte)'}', (byte)'[', (byte)'-', (byte)'.', (byte)'9', (byte)'\\', (byte)'\n'];

    /// <summary>
    /// Runs the decoder over <paramref name="iterations"/> inputs derived from <paramref name="seeds"/>; returns how many gave a fix.
    /// Some protocols have messages that are neither a fix nor bad input (OwnTracks <c>lwt</c>, <c>card</c>…): their
    /// tests set <paramref name="ignoredInputsAllowed"/> so that such inputs are not reported.
    /// </summary>
    public static int Run(Decoder decode, IReadOnlyList<byte[]> seeds, int seed, bool ignoredInputsAllowed = false, int? iterations = null)
    {
        ArgumentNullException.ThrowIfNull(decode);
        ArgumentNullException.ThrowIfNull(seeds);
        var random = new Random(seed);
        var context = new DecodeContext("fuzz-1", new DateTimeOffset(2026, 11, 25, 18, 0, 0, TimeSpan.Zero));
        var fixes = new List<Fix>();
        var rejections = new List<Rejection>();
        var decoded = 0;
        var count = iterations ?? Iterations;
        for (var i = 0; i < count; i++)
        {
            var input = i % 10 == 0 ? RandomBytes(random) : Mutate(random, seeds[random.Next(seeds.Count)], seeds);
            fixes.Clear();
            rejections.Clear();
            try
            {
                decode(input, context, fixes, rejections);
            }
            catch (Exception exception)
            {
                throw new InvalidOperationException($"Input {i} (seed {seed}) threw: {Convert.ToHexString(input)}", exception);
            }

            if (fixes.Count == 0 && rejections.Count == 0 && !ignoredInputsAllowed)
            {
                throw new InvalidOperationException($"Input {i} (seed {seed}) gave neither a fix nor a rejection: {Convert.ToHexString(input)}");
            }

            foreach (var fix in fixes)
            {
                if (!double.IsFinite(fix.Latitude) || !double.IsFinite(fix.Longitude) || fix.DeviceId != context.DeviceId)
                {
                    throw new InvalidOperationException($"Input {i} (seed {seed}) gave a malformed fix {fix}: {Convert.ToHexString(input)}");
                }
            }

            decoded += fixes.Count > 0 ? 1 : 0;
        }

        return decoded;
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 128)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Mutate(Random random, byte[] original, IReadOnlyList<byte[]> seeds)
    {
        var bytes = new List<byte>(original);
        var mutations = 1 + random.Next(4);
        for (var m = 0; m < mutations; m++)
        {
            var at = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
            switch (random.Next(7))
            {
                case 0 when bytes.Count > 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1 when bytes.Count > 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 2:
                    bytes.Insert(at, Interesting[random.Next(Interesting.Length)]);
                    break;
                case 3 when bytes.Count > 0:
                    bytes.RemoveAt(at);
                    break;
                case 4 when bytes.Count > 0:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 5:
                    var other = seeds[random.Next(seeds.Count)];
                    var from = other.Length == 0 ? 0 : random.Next(other.Length);
                    bytes.InsertRange(at, other.Skip(from).Take(random.Next(1, 16)));
                    break;
                case 6 when bytes.Count > 0:
                    bytes[at] = Interesting[random.Next(Interesting.Length)];
                    break;
                default:
                    break;
            }
        }

        return [.. bytes];
    }
}
