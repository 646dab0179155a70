using System.Globalization;
using System.Text;
using Tracking.Core.Fixes;
using Tracking.Core.Validation;
using Tracking.Protocols.Nmea;

namespace Tracking.Protocols.Tests.Nmea;

/// <summary>
/// Real sentences are quoted with their source beside each test (receiver manuals' examples and published raw logs);
/// the checksums of all of them were recomputed, and the two that are wrong in their source are tested as such.
/// Built sentences use <see cref="Sentence"/>, which appends a checksum computed here, independently of the decoder:
/// a response car in Leicester city centre, 52°38.214'N 1°08.388'W (52.6369, −1.1398), at 2026-03-01T12:00:00Z.
/// </summary>
public sealed class NmeaDecoderTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ReceivedAt = Noon.AddSeconds(2.5);
    private static readonly DecodeContext Context = new("veh-1", ReceivedAt);

    private const double LeicesterLatitude = 52.6369;
    private const double LeicesterLongitude = -1.1398;
    private const double Degree = 1e-10; // a tenth of a nanodegree: far below any field's resolution, far above rounding

    private static readonly string LeicesterRmc = Sentence("GPRMC,120000.00,A,5238.214,N,00108.388,W,12.5,271.3,010326,,,A");
    private static readonly string LeicesterGga = Sentence("GPGGA,120000.00,5238.214,N,00108.388,W,1,09,0.9,67.2,M,48.6,M,,");

    /// <summary>$ + body + * + the XOR of the body's bytes in upper-case hex.</summary>
    private static string Sentence(string body)
    {
        var checksum = 0;
        foreach (var c in body)
        {
            checksum ^= c;
        }

        return $"${body}*{checksum:X2}";
    }

    private static (List<Fix> Fixes, List<Rejection> Rejections) Decode(string message, DecodeContext? context = null) =>
        Decode(Encoding.ASCII.GetBytes(message), context);

    private static (List<Fix> Fixes, List<Rejection> Rejections) Decode(byte[] payload, DecodeContext? context = null)
    {
        var fixes = new List<Fix>();
        var rejections = new List<Rejection>();
        NmeaDecoder.Decode(payload, context ?? Context, fixes, rejections);
        return (fixes, rejections);
    }

    private static Fix DecodeOne(string message, DecodeContext? context = null)
    {
        var (fixes, rejections) = Decode(message, context);
        Assert.Empty(rejections);
        return Assert.Single(fixes);
    }

    private static Rejection DecodeRejected(string message, RejectionReason reason, DecodeContext? context = null)
    {
        var (fixes, rejections) = Decode(message, context);
        Assert.Empty(fixes);
        var rejection = Assert.Single(rejections);
        Assert.Equal(reason, rejection.Reason);
        return rejection;
    }

    private static DecodeContext ReceivedOn(DateTimeOffset receivedAt) => new("veh-1", receivedAt);

    private static double Knots(double knots) => knots * 1852 / 3600;

    // ---- Real sentences -------------------------------------------------------------------------------------------

    [Fact]
    public void The_RMC_example_of_the_Trimble_receiver_manual_decodes_to_exact_values()
    {
        // Trimble R6/R7 GPS and R8 GNSS Receivers User Guide, Appendix A "NMEA-0183 Output", RMC; the same sentence is the
        // sample of most NMEA references (gpsinformation.org): 12:35:19 UTC, 23 March 1994, 48°07.038'N 11°31.000'E, 22.4 kn, 84.4°.
        var fix = DecodeOne("$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6A");

        Assert.Equal(new DateTimeOffset(1994, 3, 23, 12, 35, 19, TimeSpan.Zero), fix.DeviceTime);
        Assert.Equal(48 + (7.038 / 60), fix.Latitude, Degree);
        Assert.Equal(11 + (31.0 / 60), fix.Longitude, Degree);
        Assert.Equal(Knots(22.4), fix.Speed!.Value, 1e-12);
        Assert.Equal(84.4, fix.Heading);
        Assert.Null(fix.Altitude);
        Assert.Null(fix.Satellites);
        Assert.Null(fix.Hdop);
        Assert.Null(fix.Accuracy);
        Assert.Equal(FixSource.Nmea, fix.Source);
    }

    [Fact]
    public void The_published_GGA_example_merges_into_the_RMC_example_of_the_same_time()
    {
        // GGA: the gpsinformation.org table as copied on the Universität Hohenheim wiki
        // (mpt-internal.uni-hohenheim.de, doku.php?id=excersize:m_r:nmea_strings): 8 satellites, HDOP 0.9, 545.4 m above MSL.
        var fix = DecodeOne(
            "$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6A\r\n" +
            "$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47\r\n");

        Assert.Equal(new DateTimeOffset(1994, 3, 23, 12, 35, 19, TimeSpan.Zero), fix.DeviceTime);
        Assert.Equal(Knots(22.4), fix.Speed!.Value, 1e-12);
        Assert.Equal(545.4, fix.Altitude);
        Assert.Equal(8, fix.Satellites);
        Assert.Equal(0.9, fix.Hdop);
    }

    [Fact]
    public void The_west_example_of_a_tracker_manual_has_a_negative_longitude()
    {
        // Vantron VT-M2M-TC User's Manual §6.2.4 GPRMC, ex2 (gpsd documents the same fix): 49°16.45'N 123°11.12'W, 0.5 kn, 54.7°, 19 Nov 1994.
        var fix = DecodeOne("$GPRMC,225446,A,4916.45,N,12311.12,W,000.5,054.7,191194,020.3,E*68");

        Assert.Equal(new DateTimeOffset(1994, 11, 19, 22, 54, 46, TimeSpan.Zero), fix.DeviceTime);
        Assert.Equal(49 + (16.45 / 60), fix.Latitude, Degree);
        Assert.Equal(-(123 + (11.12 / 60)), fix.Longitude, Degree);
        Assert.Equal(Knots(0.5), fix.Speed!.Value, 1e-12);
        Assert.Equal(54.7, fix.Heading);
    }

    [Fact]
    public void The_south_example_of_a_tracker_manual_has_a_negative_latitude_and_course_360_is_left_for_the_validator()
    {
        // Vantron VT-M2M-TC User's Manual §6.2.4 GPRMC, ex1: 37°51.65'S 145°07.36'E, 0 kn, course 360.0, 13 Sep 1998.
        var fix = DecodeOne("$GPRMC,081836,A,3751.65,S,14507.36,E,000.0,360.0,130998,011.3,E*62");

        Assert.Equal(new DateTimeOffset(1998, 9, 13, 8, 18, 36, TimeSpan.Zero), fix.DeviceTime);
        Assert.Equal(-(37 + (51.65 / 60)), fix.Latitude, Degree);
        Assert.Equal(145 + (7.36 / 60), fix.Longitude, Degree);
        Assert.Equal(0, fix.Speed);
        Assert.Equal(360, fix.Heading);
    }

    [Fact]
    public void The_u_blox_RMC_example_with_a_mode_indicator_decodes()
    {
        // The RMC example of u-blox's receiver description, as collected in gist.github.com/neuralsandwich/6878152d002633cade55
        // ("NMEA GPS string examples"): NMEA 2.3 form with mode A and empty magnetic variation.
        var fix = DecodeOne("$GPRMC,083559.00,A,4717.11437,N,00833.91522,E,0.004,77.52,091202,,,A*57");

        Assert.Equal(new DateTimeOffset(2002, 12, 9, 8, 35, 59, TimeSpan.Zero), fix.DeviceTime);
        Assert.Equal(47 + (17.11437 / 60), fix.Latitude, Degree);
        Assert.Equal(8 + (33.91522 / 60), fix.Longitude, Degree);
        Assert.Equal(Knots(0.004), fix.Speed!.Value, 1e-12);
        Assert.Equal(77.52, fix.Heading);
    }

    [Theory]
    // Cypress Solutions CTM-200 report messages, "Message Type 82, GPRMC" (cypress.bc.ca): the NMEA 0183 v2.0 example
    // (11 fields, no mode) and the v3.0 example (12 fields, mode A).
    [InlineData("$GPRMC,001207.00,A,4911.2236,N,12254.4779,W,012.3,201.0,170109,,*2D", 2009, 1, 17, 0, 12, 7)]
    [InlineData("$GPRMC,222414.00,A,4915.3920,N,12259.8072,W,000.2,242.0,211210,,,A*49", 2010, 12, 21, 22, 24, 14)]
    public void RMC_of_NMEA_2_0_and_3_0_field_counts_decode_alike(string sentence, int year, int month, int day, int hour, int minute, int second)
    {
        var fix = DecodeOne(sentence);

        Assert.Equal(new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero), fix.DeviceTime);
        Assert.True(fix.Longitude < 0);
    }

    [Fact]
    public void A_void_NMEA_4_1_RMC_with_navigational_status_is_no_fix()
    {
        // ST Teseo output quoted in github.com/dakejahl/nmea_parser, src/msgs/RMC.cpp: 13 fields, mode N, navigational status V.
        var rejection = DecodeRejected("$GNRMC,,V,,,,,,,,,,N,V*37", RejectionReason.NoFix);

        Assert.Contains("RMC status is V", rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_research_vessel_RMC_and_GGA_with_eight_decimal_minutes_merge()
    {
        // NOAA PSL raw GPS log, R/V Sally Ride, PISTON 2019 (downloads.psl.noaa.gov/psd3/cruises/PISTON_2019/Sally_Ride/
        // flux/Raw/19259/gps01925920_raw.txt), the 19:59:59 UTC epoch; GLL, VTG, ZDA, GSA, GSV and GST sentences omitted.
        var fix = DecodeOne(
            "$GPGGA,195959.00,1813.38282955,N,12606.12767097,E,2,07,1.4,17.2,M,36.5,M,4.0,0129*78\r\n" +
            "$GPRMC,195959.00,A,1813.38282955,N,12606.12767097,E,1.31,262.13,160919,3.0,W,D*21\r\n");

        Assert.Equal(new DateTimeOffset(2019, 9, 16, 19, 59, 59, TimeSpan.Zero), fix.DeviceTime);
        Assert.Equal(18 + (13.38282955 / 60), fix.Latitude, Degree);
        Assert.Equal(126 + (6.12767097 / 60), fix.Longitude, Degree);
        Assert.Equal(Knots(1.31), fix.Speed!.Value, 1e-12);
        Assert.Equal(262.13, fix.Heading);
        Assert.Equal(17.2, fix.Altitude);
        Assert.Equal(7, fix.Satellites);
        Assert.Equal(1.4, fix.Hdop);
    }

    [Fact]
    public void Altitude_is_above_mean_sea_level_not_corrected_by_the_geoid_separation()
    {
        // NOAA PSL raw GPS log, R/V Ronald H. Brown, ATOMIC 2020 (downloads.psl.noaa.gov/psd3/cruises/ATOMIC_2020/RHB/flux/
        // Raw_Share/20014/gps02001420_raw.txt): 9.2 m above MSL, geoid separation −37.6 m, west of Greenwich.
        var fix = DecodeOne(
            "$GPGGA,195959.00,1541.31258893,N,05130.51204125,W,2,06,1.5,9.2,M,-37.6,M,4.0,0138*7E\r\n" +
            "$GPRMC,195959.00,A,1541.31258893,N,05130.51204125,W,0.26,147.44,140120,16.9,W,D*0B\r\n");

        Assert.Equal(new DateTimeOffset(2020, 1, 14, 19, 59, 59, TimeSpan.Zero), fix.DeviceTime);
        Assert.Equal(-(51 + (30.51204125 / 60)), fix.Longitude, Degree);
        Assert.Equal(9.2, fix.Altitude);
        Assert.Equal(6, fix.Satellites);
    }

    [Fact]
    public void A_logged_epoch_with_GSA_and_GSV_between_GGA_and_RMC_is_one_fix()
    {
        // A cyclist's receiver log, riverotter.xsrv.jp/bicycle/tours/2015/201505060659/05060823.nma, the 23:23:48.000 epoch as logged.
        var fix = DecodeOne(
            "$GPGGA,232348.000,3621.6309,N,13636.8487,E,1,6,1.35,190.4,M,35.1,M,,*52\r\n" +
            "$GPGSA,A,3,24,18,12,22,13,15,,,,,,,1.60,1.35,0.86*06\r\n" +
            "$GPGSV,3,1,11,24,83,352,38,18,57,301,39,15,51,071,36,50,46,165,*7C\r\n" +
            "$GPGSV,3,2,11,12,31,155,34,21,25,233,,22,24,313,38,13,16,082,35*7C\r\n" +
            "$GPGSV,3,3,11,14,08,283,,25,07,184,,05,03,142,*41\r\n" +
            "$GPRMC,232348.000,A,3621.6309,N,13636.8487,E,0.70,343.18,050515,,,A*64\r\n");

        Assert.Equal(new DateTimeOffset(2015, 5, 5, 23, 23, 48, TimeSpan.Zero), fix.DeviceTime);
        Assert.Equal(190.4, fix.Altitude);
        Assert.Equal(6, fix.Satellites);
        Assert.Equal(1.35, fix.Hdop);
        Assert.Equal(343.18, fix.Heading);
    }

    [Fact]
    public void A_logged_GGA_and_RMC_a_second_apart_are_two_fixes_and_an_empty_course_is_null()
    {
        // A receiver log near Southampton, pastebin.com/d8jgbkuk (10 July 2017): GGA at 09:23:10, RMC at 09:23:11 with no course.
        var received = ReceivedOn(new DateTimeOffset(2017, 7, 10, 9, 23, 15, TimeSpan.Zero));
        var (fixes, rejections) = Decode(
            "$GPGGA,092310.00,5053.00645,N,00129.90788,W,1,08,1.22,40.5,M,47.1,M,,*7D\r\n" +
            "$GPRMC,092311.00,A,5053.00652,N,00129.90793,W,0.032,,100717,,,A*67\r\n",
            received);

        Assert.Empty(rejections);
        Assert.Equal(2, fixes.Count);
        var gga = fixes[0];
        Assert.Equal(new DateTimeOffset(2017, 7, 10, 9, 23, 10, TimeSpan.Zero), gga.DeviceTime);
        Assert.Equal(40.5, gga.Altitude);
        Assert.Null(gga.Speed);
        Assert.Null(gga.Heading);
        var rmc = fixes[1];
        Assert.Equal(new DateTimeOffset(2017, 7, 10, 9, 23, 11, TimeSpan.Zero), rmc.DeviceTime);
        Assert.Equal(-(1 + (29.90793 / 60)), rmc.Longitude, Degree);
        Assert.Null(rmc.Heading);
        Assert.Null(rmc.Altitude);
    }

    [Fact]
    public void A_logged_receiver_without_a_fix_gives_one_no_fix_per_sentence_of_a_different_time()
    {
        // pastebin.com/d8jgbkuk, before the first fix: GGA quality 0 at 09:16:13, RMC status V at 09:16:14.
        var (fixes, rejections) = Decode(
            "$GPGGA,091613.00,,,,,0,00,99.99,,,,,,*6A\r\n" +
            "$GPRMC,091614.00,V,,,,,,,100717,,,N*76\r\n");

        Assert.Empty(fixes);
        Assert.Equal(2, rejections.Count);
        Assert.All(rejections, r => Assert.Equal(RejectionReason.NoFix, r.Reason));
    }

    [Fact]
    public void A_cold_started_u_blox_NEO_6M_gives_no_fix_and_its_other_sentences_are_ignored()
    {
        // u-blox NEO-6M output after power-on, chris.cnie.de/avr/neo-6.html ("Ausgaben des Moduls nach dem Einschalten").
        var (fixes, rejections) = Decode(
            "$GPRMC,,V,,,,,,,,,,N*53\r\n" +
            "$GPVTG,,,,,,,,,N*30\r\n" +
            "$GPGGA,,,,,,0,00,99.99,,,,,,*48\r\n" +
            "$GPGSA,A,1,,,,,,,,,,,,,99.99,99.99,99.99*30\r\n" +
            "$GPGSV,1,1,00*79\r\n" +
            "$GPGLL,,,,,,V,N*64\r\n");

        Assert.Empty(fixes);
        Assert.Equal(new[] { RejectionReason.NoFix, RejectionReason.NoFix }, rejections.Select(r => r.Reason));
    }

    [Fact]
    public void A_logged_GGA_of_quality_0_is_no_fix_even_with_a_position()
    {
        // Deltares OpenEarth raw data, Markermeer survey 22-11-2007, GPS-Echolood-Logboek/22-11-07/loc11GPS.txt (svn.oss.deltares.nl).
        var rejection = DecodeRejected("$GPGGA,132411.60,5231.91297,N,00516.97745,E,0,00,2.3,5.7,M,46.6,M,,*63", RejectionReason.NoFix);

        Assert.Contains("quality is 0", rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_logged_GGA_with_only_a_VTG_is_a_fix_dated_by_the_receive_time()
    {
        // Deltares loc11GPS.txt (as above): this echo-sounder setup logged GGA and VTG only, never RMC.
        var received = ReceivedOn(new DateTimeOffset(2007, 11, 22, 13, 24, 30, TimeSpan.Zero));
        var fix = DecodeOne(
            "$GPGGA,132421.00,5231.91448,N,00516.97727,E,1,04,4.6,6.6,M,46.6,M,,*62\r\n" +
            "$GPVTG,353.67,T,353.86,M,1.43,N,2.65,K,A*2B\r\n",
            received);

        Assert.Equal(new DateTimeOffset(2007, 11, 22, 13, 24, 21, TimeSpan.Zero), fix.DeviceTime);
        Assert.Equal(52 + (31.91448 / 60), fix.Latitude, Degree);
        Assert.Equal(5 + (16.97727 / 60), fix.Longitude, Degree);
        Assert.Equal(6.6, fix.Altitude);
        Assert.Equal(4, fix.Satellites);
        Assert.Equal(4.6, fix.Hdop);
        Assert.Null(fix.Speed);
    }

    [Fact]
    public void A_GGA_just_after_midnight_received_just_before_it_is_dated_the_next_day_and_its_negative_altitude_is_read()
    {
        // Cypress Solutions CTM-200 report messages, "Message Type 80, $GPGGA" (cypress.bc.ca): altitude written "-00015".
        var received = ReceivedOn(new DateTimeOffset(2026, 3, 1, 23, 59, 58, TimeSpan.Zero));
        var fix = DecodeOne("$GPGGA,000512.00,4910.9588,N,12254.6560,W,1,8,01.1,-00015,M,,M,,0000*5C", received);

        Assert.Equal(new DateTimeOffset(2026, 3, 2, 0, 5, 12, TimeSpan.Zero), fix.DeviceTime);
        Assert.Equal(-15, fix.Altitude);
        Assert.Equal(8, fix.Satellites);
        Assert.Equal(1.1, fix.Hdop);
    }

    [Fact]
    public void A_survey_receiver_GGA_alone_decodes_with_its_long_fields()
    {
        // Trimble R6/R7/R8 User Guide, Appendix A.2 "Common Message Elements": GGA with 8-decimal minutes, DGPS quality 2.
        var received = ReceivedOn(new DateTimeOffset(2026, 3, 1, 17, 28, 20, TimeSpan.Zero));
        var fix = DecodeOne("$GPGGA,172814.0,3723.46587704,N,12202.26957864,W,2,6,1.2,18.893,M,-25.669,M,2.0,0031*4F", received);

        Assert.Equal(new DateTimeOffset(2026, 3, 1, 17, 28, 14, TimeSpan.Zero), fix.DeviceTime);
        Assert.Equal(37 + (23.46587704 / 60), fix.Latitude, Degree);
        Assert.Equal(-(122 + (2.26957864 / 60)), fix.Longitude, Degree);
        Assert.Equal(18.893, fix.Altitude);
    }

    [Fact]
    public void A_millisecond_time_from_a_published_capture_is_kept()
    {
        // A Chinese-language RMC reference (cnblogs.com/roger0212/p/4436744.html; also github.com/hongwenjun/nmea_gprmc,
        // img/NMEA_GPRMC.H): 02:48:13.640 UTC, 15 July 2006, 10.05 kn.
        var fix = DecodeOne("$GPRMC,024813.640,A,3158.4608,N,11848.3737,E,10.05,324.27,150706,,,A*50");

        Assert.Equal(new DateTimeOffset(2006, 7, 15, 2, 48, 13, 640, TimeSpan.Zero), fix.DeviceTime);
        Assert.Equal(Knots(10.05), fix.Speed!.Value, 1e-12);
    }

    [Fact]
    public void A_manual_example_printed_with_a_wrong_checksum_is_a_bad_checksum()
    {
        // UniTraQ UD-731N USB Dongle user's manual v1.1 §10.5 RMC example. Its printed checksum, 25, is wrong: the XOR is 64.
        var rejection = DecodeRejected("$GPRMC,092204.999,A,4250.55899,S,14718.50849,E,0.00,89.68,211200,,A*25", RejectionReason.BadChecksum);

        Assert.Contains("checksum", rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_manual_example_with_its_checksum_corrected_decodes_although_a_field_is_missing_after_the_date()
    {
        // UniTraQ UD-731N manual §10.5 (as above) with *64: only 11 fields (one magnetic variation field dropped), millisecond time.
        var fix = DecodeOne("$GPRMC,092204.999,A,4250.55899,S,14718.50849,E,0.00,89.68,211200,,A*64");

        Assert.Equal(new DateTimeOffset(2000, 12, 21, 9, 22, 4, 999, TimeSpan.Zero), fix.DeviceTime);
        Assert.Equal(-(42 + (50.55899 / 60)), fix.Latitude, Degree);
        Assert.Equal(147 + (18.50849 / 60), fix.Longitude, Degree);
    }

    [Fact]
    public void A_published_GN_example_whose_talker_was_edited_without_its_checksum_is_a_bad_checksum()
    {
        // blog.csdn.net/ftdlk/article/details/147982827 prints the GP example as $GNGGA but keeps GP's checksum 47 (GN's is 59).
        DecodeRejected("$GNGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47", RejectionReason.BadChecksum);
    }

    // ---- Built sentences: position ----------------------------------------------------------------------------------

    [Fact]
    public void Leicester_decodes_to_its_decimal_degrees_with_west_negative()
    {
        var fix = DecodeOne(LeicesterRmc);

        Assert.Equal(LeicesterLatitude, fix.Latitude, Degree);
        Assert.Equal(LeicesterLongitude, fix.Longitude, Degree);
        Assert.Equal(Noon, fix.DeviceTime);
        Assert.Equal(TimeSpan.Zero, fix.DeviceTime.Offset);
        Assert.Equal(Knots(12.5), fix.Speed!.Value, 1e-12);
        Assert.Equal(271.3, fix.Heading);
    }

    [Fact]
    public void Device_id_and_received_time_come_from_the_context()
    {
        var fix = DecodeOne(LeicesterRmc);

        Assert.Equal("veh-1", fix.DeviceId);
        Assert.Equal(ReceivedAt, fix.ReceivedAt);
        Assert.Equal(FixSource.Nmea, fix.Source);
        Assert.False(fix.Emergency);
        Assert.Null(fix.Battery);
    }

    [Theory]
    [InlineData("N", "E", 1, 1)]
    [InlineData("N", "W", 1, -1)]
    [InlineData("S", "E", -1, 1)]
    [InlineData("S", "W", -1, -1)]
    public void Each_hemisphere_gives_its_sign(string northSouth, string eastWest, int latitudeSign, int longitudeSign)
    {
        var fix = DecodeOne(Sentence($"GPRMC,120000,A,3330.000,{northSouth},07015.000,{eastWest},,,010326,,"));

        Assert.Equal(latitudeSign * 33.5, fix.Latitude, Degree);
        Assert.Equal(longitudeSign * 70.25, fix.Longitude, Degree);
    }

    [Theory]
    [InlineData("0000.000", "00000.000", 0, 0)]
    [InlineData("9000.000", "18000.000", 90, 180)]
    [InlineData("0059.999", "17959.9999", 0.99998333333, 179.99999833333)]
    [InlineData("5238.214", "00108.388", 52.6369, 1.1398)]
    [InlineData("5238", "00108", 52.63333333333, 1.13333333333)]
    [InlineData("838.214", "108.388", 8.6369, 1.1398)]
    public void Degrees_and_minutes_give_decimal_degrees_at_the_edges_and_without_leading_zeros(string latitude, string longitude, double expectedLatitude, double expectedLongitude)
    {
        var fix = DecodeOne(Sentence($"GPRMC,120000,A,{latitude},N,{longitude},E,,,010326,,"));

        Assert.Equal(expectedLatitude, fix.Latitude, 1e-9);
        Assert.Equal(expectedLongitude, fix.Longitude, 1e-9);
    }

    [Fact]
    public void Out_of_range_degrees_are_left_for_the_validator()
    {
        var fix = DecodeOne(Sentence("GPRMC,120000,A,9500.000,N,18100.000,W,,,010326,,"));

        Assert.Equal(95, fix.Latitude);
        Assert.Equal(-181, fix.Longitude);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("0.0", 0)]
    [InlineData("359.9", 359.9)]
    [InlineData("090", 90)]
    [InlineData("271.35", 271.35)]
    public void Course_over_ground_is_the_heading_in_degrees(string course, double heading)
    {
        var fix = DecodeOne(Sentence($"GPRMC,120000,A,5238.214,N,00108.388,W,1.0,{course},010326,,"));

        Assert.Equal(heading, fix.Heading);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("000.0", 0)]
    [InlineData("1", 1852.0 / 3600)]
    [InlineData("22.4", 22.4 * 1852 / 3600)]
    [InlineData("3600", 1852)]
    [InlineData("194.4", 194.4 * 1852 / 3600)]
    [InlineData(".5", 0.5 * 1852 / 3600)]
    public void Speed_over_ground_in_knots_is_converted_to_metres_per_second(string knots, double metresPerSecond)
    {
        var fix = DecodeOne(Sentence($"GPRMC,120000,A,5238.214,N,00108.388,W,{knots},90.0,010326,,"));

        Assert.Equal(metresPerSecond, fix.Speed!.Value, 1e-12);
    }

    [Fact]
    public void Empty_speed_and_course_are_null()
    {
        var fix = DecodeOne(Sentence("GPRMC,120000,A,5238.214,N,00108.388,W,,,010326,,,A"));

        Assert.Null(fix.Speed);
        Assert.Null(fix.Heading);
    }

    [Fact]
    public void A_speed_above_the_credible_maximum_is_left_for_the_validator()
    {
        var fix = DecodeOne(Sentence("GPRMC,120000,A,5238.214,N,00108.388,W,999.9,90.0,010326,,"));

        Assert.Equal(Knots(999.9), fix.Speed!.Value, 1e-12);
    }

    [Fact]
    public void An_NMEA_4_1_RMC_with_mode_and_navigational_status_decodes_like_an_older_one()
    {
        var fix = DecodeOne(Sentence("GNRMC,120000.00,A,5238.214,N,00108.388,W,12.5,271.3,010326,,,A,S"));

        Assert.Equal(Noon, fix.DeviceTime);
        Assert.Equal(LeicesterLatitude, fix.Latitude, Degree);
    }

    // ---- Built sentences: time and date ------------------------------------------------------------------------------

    [Theory]
    [InlineData("120000", 0)]
    [InlineData("120000.1", 1_000_000)]
    [InlineData("120000.12", 1_200_000)]
    [InlineData("120000.123", 1_230_000)]
    [InlineData("120000.1234567", 1_234_567)]
    [InlineData("120000.123456789", 1_234_567)]
    public void Fractions_of_a_second_are_kept_to_the_tick(string time, long ticks)
    {
        var fix = DecodeOne(Sentence($"GPRMC,{time},A,5238.214,N,00108.388,W,,,010326,,"));

        Assert.Equal(Noon.AddTicks(ticks), fix.DeviceTime);
    }

    [Fact]
    public void The_last_millisecond_of_a_day_is_read()
    {
        var fix = DecodeOne(Sentence("GPRMC,235959.999,A,5238.214,N,00108.388,W,,,280226,,"));

        Assert.Equal(new DateTimeOffset(2026, 2, 28, 23, 59, 59, 999, TimeSpan.Zero), fix.DeviceTime);
    }

    [Theory]
    [InlineData("235959.99", "311299", 1999, 12, 31, 23, 59, 59, 990)]
    [InlineData("000000.00", "010100", 2000, 1, 1, 0, 0, 0, 0)]
    public void The_millennium_rollover_reads_as_1999_then_2000_when_received_then(
        string time, string date, int year, int month, int day, int hour, int minute, int second, int millisecond)
    {
        var received = ReceivedOn(new DateTimeOffset(2000, 1, 1, 0, 0, 1, TimeSpan.Zero));
        var fix = DecodeOne(Sentence($"GPRMC,{time},A,5238.214,N,00108.388,W,,,{date},,"), received);

        Assert.Equal(new DateTimeOffset(year, month, day, hour, minute, second, millisecond, TimeSpan.Zero), fix.DeviceTime);
    }

    [Theory]
    [InlineData("311299", 1999)]
    [InlineData("010100", 2000)]
    [InlineData("010176", 1976)]
    [InlineData("311275", 2075)]
    public void A_two_digit_year_is_the_one_within_fifty_years_of_the_receive_year(string date, int year)
    {
        var fix = DecodeOne(Sentence($"GPRMC,120000,A,5238.214,N,00108.388,W,,,{date},,"));

        Assert.Equal(year, fix.DeviceTime.Year);
    }

    [Fact]
    public void A_leap_day_is_a_date()
    {
        var fix = DecodeOne(Sentence("GPRMC,120000,A,5238.214,N,00108.388,W,,,290228,,"));

        Assert.Equal(new DateTimeOffset(2028, 2, 29, 12, 0, 0, TimeSpan.Zero), fix.DeviceTime);
    }

    [Theory]
    [InlineData("290226")]
    [InlineData("310426")]
    public void A_day_the_month_does_not_have_is_an_invalid_date(string date)
    {
        var rejection = DecodeRejected(Sentence($"GPRMC,120000,A,5238.214,N,00108.388,W,,,{date},,"), RejectionReason.InvalidField);

        Assert.Contains("RMC date (field 9)", rejection.Detail, StringComparison.Ordinal);
    }

    // ---- Built sentences: GGA ---------------------------------------------------------------------------------------

    [Fact]
    public void GGA_merges_into_the_RMC_of_the_same_time_in_either_order_and_the_RMC_position_wins()
    {
        var gga = Sentence("GPGGA,120000,5238.215,N,00108.389,W,2,11,0.7,-3.5,M,48.6,M,,");
        foreach (var message in new[] { LeicesterRmc + "\r\n" + gga, gga + "\n" + LeicesterRmc })
        {
            var fix = DecodeOne(message);

            Assert.Equal(Noon, fix.DeviceTime);
            Assert.Equal(LeicesterLatitude, fix.Latitude, Degree);
            Assert.Equal(LeicesterLongitude, fix.Longitude, Degree);
            Assert.Equal(Knots(12.5), fix.Speed!.Value, 1e-12);
            Assert.Equal(-3.5, fix.Altitude);
            Assert.Equal(11, fix.Satellites);
            Assert.Equal(0.7, fix.Hdop);
        }
    }

    [Fact]
    public void GGA_of_a_different_time_is_a_fix_of_its_own_without_speed()
    {
        var gga = Sentence("GPGGA,120001.00,5238.220,N,00108.380,W,1,09,0.9,67.4,M,48.6,M,,");
        var (fixes, rejections) = Decode(LeicesterRmc + "\r\n" + gga + "\r\n");

        Assert.Empty(rejections);
        Assert.Equal(2, fixes.Count);
        Assert.Equal(Noon, fixes[0].DeviceTime);
        Assert.Null(fixes[0].Altitude);
        Assert.Equal(Noon.AddSeconds(1), fixes[1].DeviceTime);
        Assert.Equal(67.4, fixes[1].Altitude);
        Assert.Null(fixes[1].Speed);
        Assert.Null(fixes[1].Heading);
    }

    [Fact]
    public void Buffered_epochs_pair_each_RMC_with_the_GGA_of_its_own_time()
    {
        var message = string.Join("\r\n",
            Sentence("GPGGA,120000.00,5238.214,N,00108.388,W,1,07,1.1,60.0,M,48.6,M,,"),
            Sentence("GPGGA,120005.00,5238.300,N,00108.500,W,1,08,1.0,65.0,M,48.6,M,,"),
            Sentence("GPRMC,120005.00,A,5238.300,N,00108.500,W,13.0,275.0,010326,,,A"),
            Sentence("GPRMC,120000.00,A,5238.214,N,00108.388,W,12.5,271.3,010326,,,A"));
        var (fixes, rejections) = Decode(message);

        Assert.Empty(rejections);
        Assert.Equal(2, fixes.Count);
        Assert.Equal((Noon.AddSeconds(5), 65.0, 8), (fixes[0].DeviceTime, fixes[0].Altitude!.Value, fixes[0].Satellites!.Value));
        Assert.Equal((Noon, 60.0, 7), (fixes[1].DeviceTime, fixes[1].Altitude!.Value, fixes[1].Satellites!.Value));
    }

    [Fact]
    public void A_GGA_time_with_fewer_decimals_matches_the_RMC_time()
    {
        var fix = DecodeOne(LeicesterRmc + "\n" + Sentence("GPGGA,120000,5238.214,N,00108.388,W,1,09,0.9,67.2,M,48.6,M,,"));

        Assert.Equal(67.2, fix.Altitude);
    }

    [Theory]
    [InlineData(0, 0, 30, "235959", -1)]
    [InlineData(23, 59, 30, "000010", 1)]
    [InlineData(12, 0, 0, "000000", 0)]
    [InlineData(0, 0, 0, "120000", -1)]
    [InlineData(6, 0, 0, "180000", -1)]
    [InlineData(6, 0, 1, "180000", 0)]
    public void A_GGA_alone_is_dated_on_the_day_that_puts_its_time_nearest_the_receive_time(int hour, int minute, int second, string time, int dayOffset)
    {
        var received = new DateTimeOffset(2026, 3, 1, hour, minute, second, TimeSpan.Zero);
        var fix = DecodeOne(Sentence($"GPGGA,{time},5238.214,N,00108.388,W,1,09,0.9,67.2,M,48.6,M,,"), ReceivedOn(received));

        var expectedDay = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero).AddDays(dayOffset);
        Assert.Equal(expectedDay.Date, fix.DeviceTime.UtcDateTime.Date);
        Assert.Equal(TimeSpan.ParseExact(time, "hhmmss", CultureInfo.InvariantCulture), fix.DeviceTime.TimeOfDay);
    }

    [Fact]
    public void Empty_satellites_HDOP_and_altitude_are_null()
    {
        var fix = DecodeOne(LeicesterRmc + "\n" + Sentence("GPGGA,120000.00,5238.214,N,00108.388,W,1,,,,,,,,"));

        Assert.Null(fix.Satellites);
        Assert.Null(fix.Hdop);
        Assert.Null(fix.Altitude);
    }

    [Fact]
    public void A_GGA_cut_after_the_quality_field_still_merges()
    {
        var fix = DecodeOne(LeicesterRmc + "\n" + Sentence("GPGGA,120000.00,5238.214,N,00108.388,W,1"));

        Assert.Null(fix.Satellites);
        Assert.Null(fix.Altitude);
        Assert.Equal(Knots(12.5), fix.Speed!.Value, 1e-12);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("2")]
    [InlineData("4")]
    [InlineData("5")]
    [InlineData("6")]
    public void GGA_fix_qualities_1_to_6_including_dead_reckoning_are_fixes(string quality)
    {
        var fix = DecodeOne(LeicesterRmc + "\n" + Sentence($"GPGGA,120000.00,5238.214,N,00108.388,W,{quality},09,0.9,67.2,M,48.6,M,,"));

        Assert.Equal(67.2, fix.Altitude);
    }

    [Fact]
    public void An_empty_altitude_unit_is_tolerated()
    {
        var fix = DecodeOne(LeicesterRmc + "\n" + Sentence("GPGGA,120000.00,5238.214,N,00108.388,W,1,09,0.9,67.2,,48.6,,,"));

        Assert.Equal(67.2, fix.Altitude);
    }

    // ---- Built sentences: no fix ----------------------------------------------------------------------------------

    [Fact]
    public void RMC_status_V_is_no_fix_whatever_the_other_fields_hold()
    {
        var rejection = DecodeRejected(Sentence("GPRMC,120000.00,V,5238.214,N,00108.388,W,12.5,271.3,010326,,,N"), RejectionReason.NoFix);

        Assert.Contains("RMC status is V", rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void GGA_quality_0_is_no_fix()
    {
        DecodeRejected(Sentence("GPGGA,120000.00,,,,,0,00,99.99,,,,,,"), RejectionReason.NoFix);
    }

    [Theory]
    [InlineData("7", "manual input")]
    [InlineData("8", "simulator")]
    public void GGA_manual_input_and_simulator_positions_are_no_fix(string quality, string detail)
    {
        var rejection = DecodeRejected(Sentence($"GPGGA,120000.00,5238.214,N,00108.388,W,{quality},09,0.9,67.2,M,48.6,M,,"), RejectionReason.NoFix);

        Assert.Contains(detail, rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_void_RMC_and_a_quality_0_GGA_of_the_same_time_are_one_no_fix()
    {
        var rejection = DecodeRejected(
            Sentence("GPRMC,120000.00,V,,,,,,,010326,,,N") + "\r\n" + Sentence("GPGGA,120000.00,,,,,0,00,99.99,,,,,,"),
            RejectionReason.NoFix);

        Assert.Contains("RMC", rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_RMC_with_a_quality_0_GGA_of_the_same_time_is_no_fix()
    {
        var rejection = DecodeRejected(LeicesterRmc + "\r\n" + Sentence("GPGGA,120000.00,,,,,0,00,99.99,,,,,,"), RejectionReason.NoFix);

        Assert.Contains("GGA", rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_void_RMC_does_not_stop_a_good_epoch_in_the_same_message()
    {
        var (fixes, rejections) = Decode(Sentence("GPRMC,115959.00,V,,,,,,,010326,,,N") + "\r\n" + LeicesterRmc + "\r\n" + LeicesterGga);

        Assert.Equal(RejectionReason.NoFix, Assert.Single(rejections).Reason);
        Assert.Equal(67.2, Assert.Single(fixes).Altitude);
    }

    // ---- Built sentences: framing and checksum -----------------------------------------------------------------------

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    public void Several_sentences_separated_by_CRLF_or_LF_give_a_fix_each_in_order(string separator)
    {
        var second = Sentence("GPRMC,120005.00,A,5238.300,N,00108.500,W,13.0,275.0,010326,,,A");
        var (fixes, rejections) = Decode(LeicesterRmc + separator + second + separator);

        Assert.Empty(rejections);
        Assert.Equal(new[] { Noon, Noon.AddSeconds(5) }, fixes.Select(f => f.DeviceTime));
    }

    [Fact]
    public void Blank_lines_and_surrounding_whitespace_are_tolerated()
    {
        var fix = DecodeOne("\r\n  \t" + LeicesterRmc + "  \r\n\r\n\n \t" + LeicesterGga + " \r\n\r\n  ");

        Assert.Equal(67.2, fix.Altitude);
    }

    [Fact]
    public void Sentences_run_together_without_a_line_break_are_split_at_the_dollar()
    {
        var fix = DecodeOne(LeicesterRmc + LeicesterGga);

        Assert.Equal(67.2, fix.Altitude);
    }

    [Fact]
    public void Garbage_between_sentences_is_skipped()
    {
        var payload = Encoding.ASCII.GetBytes("\0\0noise" + LeicesterRmc + " trailing junk\r\n#### ,,,, ****\r\n")
            .Concat(new byte[] { 0xFF, 0x80, 0x13 })
            .Concat(Encoding.ASCII.GetBytes(LeicesterGga + "\r\n"))
            .ToArray();
        var (fixes, rejections) = Decode(payload);

        Assert.Empty(rejections);
        Assert.Equal(67.2, Assert.Single(fixes).Altitude);
    }

    [Fact]
    public void A_TAG_block_before_the_sentence_is_skipped()
    {
        var fix = DecodeOne(@"\s:veh1,c:1772366400*1B\" + LeicesterRmc);

        Assert.Equal(Noon, fix.DeviceTime);
    }

    [Fact]
    public void A_lower_case_hex_checksum_is_accepted()
    {
        var sentence = Sentence("GPRMC,120000.00,A,5238.214,N,00108.388,W,12.6,271.3,010326,,,A");
        var lower = sentence[..^2] + sentence[^2..].ToLowerInvariant();
        Assert.NotEqual(sentence, lower); // the checksum has a letter in it, so the test means something

        Assert.Equal(Noon, DecodeOne(lower).DeviceTime);
    }

    [Fact]
    public void A_corrupted_sentence_is_a_bad_checksum_and_the_rest_of_the_message_still_decodes()
    {
        var corrupted = LeicesterRmc.Replace("5238.214", "5238.215", StringComparison.Ordinal);
        var (fixes, rejections) = Decode(corrupted + "\r\n" + Sentence("GPRMC,120005.00,A,5238.300,N,00108.500,W,13.0,275.0,010326,,,A"));

        var rejection = Assert.Single(rejections);
        Assert.Equal(RejectionReason.BadChecksum, rejection.Reason);
        Assert.Equal(Noon.AddSeconds(5), Assert.Single(fixes).DeviceTime);
    }

    [Fact]
    public void A_corrupted_sentence_of_a_type_we_ignore_is_still_a_bad_checksum()
    {
        var (fixes, rejections) = Decode(LeicesterRmc + "\r\n$GPGSV,1,1,00*78\r\n");

        Assert.Single(fixes);
        Assert.Equal(RejectionReason.BadChecksum, Assert.Single(rejections).Reason);
    }

    [Theory]
    [InlineData("*6")]
    [InlineData("*")]
    [InlineData("*G1")]
    [InlineData("*6A7")]
    [InlineData("* 6A")]
    public void A_checksum_that_is_not_two_hex_digits_is_a_bad_checksum(string checksum)
    {
        var rejection = DecodeRejected("$GPRMC,120000.00,A,5238.214,N,00108.388,W,12.5,271.3,010326,,,A" + checksum + "\r\n", RejectionReason.BadChecksum);

        Assert.Contains("two hex digits", rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sentence_without_a_checksum_is_refused_as_missing_it()
    {
        var rejection = DecodeRejected("$GPRMC,120000.00,A,5238.214,N,00108.388,W,12.5,271.3,010326,,,A\r\n", RejectionReason.MissingField);

        Assert.Contains("checksum", rejection.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("$GPRMC,120000.00,A,5238.214,N,001")]
    [InlineData("$GPRMC,")]
    [InlineData("$GP")]
    [InlineData("$")]
    public void A_sentence_cut_off_mid_way_is_refused_as_missing_its_checksum(string truncated)
    {
        var rejection = DecodeRejected(truncated, RejectionReason.MissingField);

        Assert.Contains("checksum", rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sentence_cut_off_before_the_next_one_starts_does_not_spoil_the_next()
    {
        var (fixes, rejections) = Decode("$GPRMC,115959.00,A,5238.2" + LeicesterRmc);

        Assert.Equal(RejectionReason.MissingField, Assert.Single(rejections).Reason);
        Assert.Equal(Noon, Assert.Single(fixes).DeviceTime);
    }

    // ---- Built sentences: missing and invalid fields ----------------------------------------------------------------

    [Theory]
    [InlineData("GPRMC,,A,5238.214,N,00108.388,W,12.5,271.3,010326,,", "RMC time (field 1)")]
    [InlineData("GPRMC,120000,,5238.214,N,00108.388,W,12.5,271.3,010326,,", "RMC status (field 2)")]
    [InlineData("GPRMC,120000,A,,N,00108.388,W,12.5,271.3,010326,,", "RMC latitude (field 3)")]
    [InlineData("GPRMC,120000,A,5238.214,,00108.388,W,12.5,271.3,010326,,", "RMC latitude hemisphere (field 4)")]
    [InlineData("GPRMC,120000,A,5238.214,N,,W,12.5,271.3,010326,,", "RMC longitude (field 5)")]
    [InlineData("GPRMC,120000,A,5238.214,N,00108.388,,12.5,271.3,010326,,", "RMC longitude hemisphere (field 6)")]
    [InlineData("GPRMC,120000,A,5238.214,N,00108.388,W,12.5,271.3,,,", "RMC date (field 9)")]
    [InlineData("GPRMC,120000,A,5238.214,N,00108.388,W,12.5,271.3", "RMC date (field 9)")]
    [InlineData("GPRMC,120000,A,5238.214,N", "RMC longitude (field 5)")]
    [InlineData("GPRMC", "RMC status (field 2)")]
    [InlineData("GPGGA,,5238.214,N,00108.388,W,1,09,0.9,67.2,M,,,,", "GGA time (field 1)")]
    [InlineData("GPGGA,120000,,N,00108.388,W,1,09,0.9,67.2,M,,,,", "GGA latitude (field 2)")]
    [InlineData("GPGGA,120000,5238.214,,00108.388,W,1,09,0.9,67.2,M,,,,", "GGA latitude hemisphere (field 3)")]
    [InlineData("GPGGA,120000,5238.214,N,,W,1,09,0.9,67.2,M,,,,", "GGA longitude (field 4)")]
    [InlineData("GPGGA,120000,5238.214,N,00108.388,,1,09,0.9,67.2,M,,,,", "GGA longitude hemisphere (field 5)")]
    [InlineData("GPGGA,120000,5238.214,N,00108.388,W,,09,0.9,67.2,M,,,,", "GGA fix quality (field 6)")]
    [InlineData("GPGGA,120000,5238.214,N,00108.388,W", "GGA fix quality (field 6)")]
    public void An_empty_or_truncated_required_field_is_a_missing_field_named_in_the_detail(string body, string field)
    {
        var rejection = DecodeRejected(Sentence(body), RejectionReason.MissingField);

        Assert.StartsWith(field, rejection.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GPRMC,246000,A,5238.214,N,00108.388,W,12.5,271.3,010326,,", "RMC time (field 1)")]
    [InlineData("GPRMC,126000,A,5238.214,N,00108.388,W,12.5,271.3,010326,,", "RMC time (field 1)")]
    [InlineData("GPRMC,235960,A,5238.214,N,00108.388,W,12.5,271.3,010326,,", "RMC time (field 1)")]
    [InlineData("GPRMC,12000,A,5238.214,N,00108.388,W,12.5,271.3,010326,,", "RMC time (field 1)")]
    [InlineData("GPRMC,120000.,A,5238.214,N,00108.388,W,12.5,271.3,010326,,", "RMC time (field 1)")]
    [InlineData("GPRMC,12:00:00,A,5238.214,N,00108.388,W,12.5,271.3,010326,,", "RMC time (field 1)")]
    [InlineData("GPRMC,120000,X,5238.214,N,00108.388,W,12.5,271.3,010326,,", "RMC status (field 2)")]
    [InlineData("GPRMC,120000,AV,5238.214,N,00108.388,W,12.5,271.3,010326,,", "RMC status (field 2)")]
    [InlineData("GPRMC,120000,A,5260.000,N,00108.388,W,12.5,271.3,010326,,", "RMC latitude (field 3)")]
    [InlineData("GPRMC,120000,A,52O8.214,N,00108.388,W,12.5,271.3,010326,,", "RMC latitude (field 3)")]
    [InlineData("GPRMC,120000,A,52.63690,N,00108.388,W,12.5,271.3,010326,,", "RMC latitude (field 3)")]
    [InlineData("GPRMC,120000,A,-5238.214,N,00108.388,W,12.5,271.3,010326,,", "RMC latitude (field 3)")]
    [InlineData("GPRMC,120000,A,5238.2.14,N,00108.388,W,12.5,271.3,010326,,", "RMC latitude (field 3)")]
    [InlineData("GPRMC,120000,A,5238.214,E,00108.388,W,12.5,271.3,010326,,", "RMC latitude hemisphere (field 4)")]
    [InlineData("GPRMC,120000,A,5238.214,n,00108.388,W,12.5,271.3,010326,,", "RMC latitude hemisphere (field 4)")]
    [InlineData("GPRMC,120000,A,5238.214,N,001080.388,W,12.5,271.3,010326,,", "RMC longitude (field 5)")]
    [InlineData("GPRMC,120000,A,5238.214,N,00108.388,N,12.5,271.3,010326,,", "RMC longitude hemisphere (field 6)")]
    [InlineData("GPRMC,120000,A,5238.214,N,00108.388,W,-12.5,271.3,010326,,", "RMC speed over ground (field 7)")]
    [InlineData("GPRMC,120000,A,5238.214,N,00108.388,W,1e2,271.3,010326,,", "RMC speed over ground (field 7)")]
    [InlineData("GPRMC,120000,A,5238.214,N,00108.388,W,.,271.3,010326,,", "RMC speed over ground (field 7)")]
    [InlineData("GPRMC,120000,A,5238.214,N,00108.388,W,12.5,271.3.1,010326,,", "RMC course over ground (field 8)")]
    [InlineData("GPRMC,120000,A,5238.214,N,00108.388,W,12.5, 271.3,010326,,", "RMC course over ground (field 8)")]
    [InlineData("GPRMC,120000,A,5238.214,N,00108.388,W,12.5,271.3,320326,,", "RMC date (field 9)")]
    [InlineData("GPRMC,120000,A,5238.214,N,00108.388,W,12.5,271.3,011326,,", "RMC date (field 9)")]
    [InlineData("GPRMC,120000,A,5238.214,N,00108.388,W,12.5,271.3,000326,,", "RMC date (field 9)")]
    [InlineData("GPRMC,120000,A,5238.214,N,00108.388,W,12.5,271.3,01032026,,", "RMC date (field 9)")]
    [InlineData("GPRMC,120000,A,5238.214,N,00108.388,W,12.5,271.3,2026-03-01,,", "RMC date (field 9)")]
    [InlineData("GPGGA,120000,5238.214,N,00108.388,W,9,09,0.9,67.2,M,,,,", "GGA fix quality (field 6)")]
    [InlineData("GPGGA,120000,5238.214,N,00108.388,W,10,09,0.9,67.2,M,,,,", "GGA fix quality (field 6)")]
    [InlineData("GPGGA,120000,5238.214,N,00108.388,W,A,09,0.9,67.2,M,,,,", "GGA fix quality (field 6)")]
    [InlineData("GPGGA,120000,5238.214,N,00108.388,W,1,9.5,0.9,67.2,M,,,,", "GGA satellites in use (field 7)")]
    [InlineData("GPGGA,120000,5238.214,N,00108.388,W,1,1234,0.9,67.2,M,,,,", "GGA satellites in use (field 7)")]
    [InlineData("GPGGA,120000,5238.214,N,00108.388,W,1,09,x,67.2,M,,,,", "GGA HDOP (field 8)")]
    [InlineData("GPGGA,120000,5238.214,N,00108.388,W,1,09,0.9,67,2,M,,,,", "GGA altitude unit (field 10)")]
    [InlineData("GPGGA,120000,5238.214,N,00108.388,W,1,09,0.9,--67.2,M,,,,", "GGA altitude (field 9)")]
    [InlineData("GPGGA,120000,5238.214,N,00108.388,W,1,09,0.9,67.2,F,,,,", "GGA altitude unit (field 10)")]
    [InlineData("GPGGA,120000,5238.214,S,00108.388,N,1,09,0.9,67.2,M,,,,", "GGA longitude hemisphere (field 5)")]
    [InlineData("GPGGA,1200,5238.214,N,00108.388,W,1,09,0.9,67.2,M,,,,", "GGA time (field 1)")]
    public void A_malformed_field_is_an_invalid_field_named_in_the_detail(string body, string field)
    {
        var rejection = DecodeRejected(Sentence(body), RejectionReason.InvalidField);

        Assert.StartsWith(field, rejection.Detail, StringComparison.Ordinal);
    }

    // ---- Built sentences: sentence types and talkers -----------------------------------------------------------------

    [Theory]
    [InlineData("GP")]
    [InlineData("GN")]
    [InlineData("GL")]
    [InlineData("GA")]
    [InlineData("GB")]
    [InlineData("BD")]
    [InlineData("GQ")]
    [InlineData("QZ")]
    [InlineData("GI")]
    public void RMC_and_GGA_from_every_GNSS_talker_decode(string talker)
    {
        var fix = DecodeOne(
            Sentence($"{talker}RMC,120000.00,A,5238.214,N,00108.388,W,12.5,271.3,010326,,,A") + "\r\n" +
            Sentence($"{talker}GGA,120000.00,5238.214,N,00108.388,W,1,09,0.9,67.2,M,48.6,M,,"));

        Assert.Equal(67.2, fix.Altitude);
    }

    [Theory]
    [InlineData("IIRMC,120000.00,A,5238.214,N,00108.388,W,12.5,271.3,010326,,,A", "RMC")]
    [InlineData("ECGGA,120000.00,5238.214,N,00108.388,W,1,09,0.9,67.2,M,48.6,M,,", "GGA")]
    public void RMC_or_GGA_from_a_talker_that_is_not_a_GNSS_receiver_is_unsupported(string body, string sentence)
    {
        var rejection = DecodeRejected(Sentence(body), RejectionReason.UnsupportedMessage);

        Assert.StartsWith(sentence, rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_sentence_types_and_proprietary_sentences_beside_a_position_are_ignored_without_a_rejection()
    {
        var message = string.Join("\r\n",
            Sentence("GPGSA,A,3,24,18,12,22,13,15,,,,,,,1.60,1.35,0.86"),
            Sentence("GPGSV,1,1,04,24,83,352,38,18,57,301,39,15,51,071,36,50,46,165,"),
            Sentence("GPVTG,271.3,T,,M,12.5,N,23.2,K,A"),
            Sentence("GPGLL,5238.214,N,00108.388,W,120000.00,A,A"),
            Sentence("GPZDA,120000.00,01,03,2026,00,00"),
            Sentence("PUBX,00,120000.00,5238.214,N,00108.388,W,67.2,G3,2.1,2.0,0.0,0.0,0.0,,0.9,1.2,0.8,9,0,0"),
            Sentence("PGRME,15.0,M,45.0,M,25.0,M"),
            LeicesterRmc);

        Assert.Equal(Noon, DecodeOne(message).DeviceTime);
    }

    [Fact]
    public void A_message_of_other_sentences_only_is_one_missing_field_for_the_absent_RMC_or_GGA()
    {
        var rejection = DecodeRejected(
            Sentence("GPGSA,A,1,,,,,,,,,,,,,99.99,99.99,99.99") + "\r\n" + Sentence("GPGSV,1,1,00") + "\r\n",
            RejectionReason.MissingField);

        Assert.Contains("no RMC or GGA sentence", rejection.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n")]
    [InlineData("   \t\r\n\r\n ")]
    [InlineData("hello")]
    [InlineData("{\"lat\":52.6369}")]
    public void A_message_without_any_sentence_is_one_missing_field(string message)
    {
        var rejection = DecodeRejected(message, RejectionReason.MissingField);

        Assert.Contains("no RMC or GGA sentence", rejection.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GPRM,120000")]
    [InlineData("GPRMCX,120000")]
    [InlineData("gprmc,120000")]
    [InlineData("G-RMC,120000")]
    [InlineData(",120000")]
    [InlineData("")]
    public void An_address_that_is_not_a_talker_and_formatter_is_an_invalid_field(string body)
    {
        var rejection = DecodeRejected(Sentence(body), RejectionReason.InvalidField);

        Assert.StartsWith("sentence address", rejection.Detail, StringComparison.Ordinal);
    }

    // ---- Limits -------------------------------------------------------------------------------------------------------

    [Fact]
    public void A_payload_larger_than_4096_bytes_is_refused_whole()
    {
        var payload = Encoding.ASCII.GetBytes(LeicesterRmc + "\r\n" + new string(' ', 4096));

        var (fixes, rejections) = Decode(payload);

        Assert.Empty(fixes);
        Assert.Equal(RejectionReason.PayloadTooLarge, Assert.Single(rejections).Reason);
    }

    [Fact]
    public void A_full_4096_byte_message_of_buffered_epochs_decodes_every_one()
    {
        var builder = new StringBuilder();
        var count = 0;
        while (true)
        {
            var time = Noon.AddSeconds(count);
            var rmc = Sentence($"GPRMC,{time:HHmmss}.00,A,5238.214,N,00108.388,W,12.5,271.3,010326,,,A") + "\r\n";
            var gga = Sentence($"GPGGA,{time:HHmmss}.00,5238.214,N,00108.388,W,1,{count % 100:00},0.9,67.2,M,48.6,M,,") + "\r\n";
            if (builder.Length + rmc.Length + gga.Length > 4096)
            {
                break;
            }

            builder.Append(gga).Append(rmc);
            count++;
        }

        var (fixes, rejections) = Decode(builder.ToString());

        Assert.True(count * 2 > 32, "the message must hold several times the position sentences of the decoder's stack buffer");
        Assert.Empty(rejections);
        Assert.Equal(count, fixes.Count);
        Assert.Equal(Enumerable.Range(0, count).Select(i => (int?)(i % 100)), fixes.Select(f => f.Satellites));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Receive_times_at_the_ends_of_the_calendar_give_a_rejection_not_an_exception(bool maximum)
    {
        var received = ReceivedOn(maximum ? DateTimeOffset.MaxValue : DateTimeOffset.MinValue);
        var (fixes, rejections) = Decode(
            Sentence(maximum ? "GPRMC,120000,A,5238.214,N,00108.388,W,,,010100,," : "GPRMC,120000,A,5238.214,N,00108.388,W,,,010199,,") + "\r\n" +
            Sentence(maximum ? "GPGGA,000001,5238.214,N,00108.388,W,1,,,,,,,," : "GPGGA,235959,5238.214,N,00108.388,W,1,,,,,,,,"),
            received);

        Assert.Empty(fixes);
        Assert.Equal(2, rejections.Count);
        Assert.All(rejections, r => Assert.Equal(RejectionReason.InvalidField, r.Reason));
    }

    [Fact]
    public void Fixes_and_rejections_already_in_the_lists_are_kept()
    {
        var fixes = new List<Fix> { DecodeOne(LeicesterRmc) };
        var rejections = new List<Rejection> { new(RejectionReason.NoFix, "earlier") };

        NmeaDecoder.Decode(Encoding.ASCII.GetBytes(Sentence("GPGSV,1,1,00")), Context, fixes, rejections);

        Assert.Single(fixes);
        Assert.Equal(2, rejections.Count);
        Assert.Equal(RejectionReason.MissingField, rejections[1].Reason);
    }
}
