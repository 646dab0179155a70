using Tracking.Core.Dispatch;
using Tracking.Core.Duty;
using Tracking.Core.Resources;
using Tracking.Storage.Command;

namespace Tracking.Storage.Tests.Command;

public sealed class ReferenceCsvTests
{
    private static readonly DateTimeOffset Late = new(2026, 11, 26, 14, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Quoted_commas_quotes_and_line_breaks_stay_inside_their_field()
    {
        var csv = "id,name,team,station\r\n"
            + "4521,\"Smith, Jane \"\"JJ\"\"\",\"Aylesmere, North\",S02\r\n"
            + "4522,PC John Doe,,\r\n";

        var parsed = ReferenceCsv.ReadOfficers(new StringReader(csv));

        Assert.Empty(parsed.Errors);
        Assert.Equal([new Officer("4521", "Smith, Jane \"JJ\"", "Aylesmere, North", "S02"), new Officer("4522", "PC John Doe")], parsed.Rows);
    }

    [Fact]
    public void A_line_break_inside_quotes_belongs_to_its_row_and_is_refused_there_as_a_control_character()
    {
        var csv = "id,name\n4521,\"PC Jane\nSmith\"\n4522,\"Fine\"\n4523,\"Also\r\nbroken\"\n";

        var parsed = ReferenceCsv.ReadOfficers(new StringReader(csv));

        Assert.Equal([(1, "name"), (3, "name")], parsed.Errors.Select(e => (e.Row, e.Field)));
        Assert.Contains("control character", parsed.Errors[0].Message, StringComparison.Ordinal);
        Assert.Empty(parsed.Rows);
    }

    [Fact]
    public void Columns_may_come_in_any_order_and_any_case_and_unknown_columns_are_ignored()
    {
        var csv = "Station,NAME,notes,iD,team\nS02,PC Jane Smith,ignored,4521,Aylesmere\n";

        var parsed = ReferenceCsv.ReadOfficers(new StringReader(csv));

        Assert.Empty(parsed.Errors);
        Assert.Equal([new Officer("4521", "PC Jane Smith", "Aylesmere", "S02")], parsed.Rows);
    }

    [Fact]
    public void A_missing_required_column_is_an_error_of_the_whole_file()
    {
        var parsed = ReferenceCsv.ReadUnits(new StringReader("id,team,type\nLR21,Aylesmere,van\n"));

        var error = Assert.Single(parsed.Errors);
        Assert.Equal((0, "callSign"), (error.Row, error.Field));
        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
        Assert.Empty(parsed.Rows);
    }

    [Fact]
    public void Optional_columns_may_be_left_out()
    {
        var parsed = ReferenceCsv.ReadShifts(new StringReader("id,unit,start,end,officer\nS1,FP1,2026-11-26T14:00:00Z,2026-11-26T22:00:00Z,4521\n"));

        Assert.Empty(parsed.Errors);
        Assert.Equal([Rows.Text(new Shift("S1", "FP1", Late, Late.AddHours(8), null, [new CrewMember("4521")]))], Rows.Text(parsed.Rows));
    }

    [Fact]
    public void An_empty_file_or_a_column_named_twice_is_an_error()
    {
        Assert.Equal(0, Assert.Single(ReferenceCsv.ReadOfficers(new StringReader("")).Errors).Row);
        var twice = Assert.Single(ReferenceCsv.ReadOfficers(new StringReader("id,name,ID\n1,a,2\n")).Errors);
        Assert.Equal((0, "id"), (twice.Row, twice.Field));
    }

    [Fact]
    public void A_bad_enum_names_its_row_and_the_allowed_values_and_case_does_not_matter()
    {
        var csv = "id,callSign,type\nLR21,Lima Romeo 21,RESPONSECAR\nLR22,Lima Romeo 22,spaceship\nLR23,Lima Romeo 23,1\nLR24,Lima Romeo 24,\"van, pcso\"\n";

        var parsed = ReferenceCsv.ReadUnits(new StringReader(csv));

        Assert.Equal([(2, "type"), (3, "type"), (4, "type")], parsed.Errors.Select(e => (e.Row, e.Field)));
        Assert.Contains("armedResponseVehicle", parsed.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(UnitType.ResponseCar, Assert.Single(ReferenceCsv.ReadUnits(new StringReader("id,callSign,type\nLR21,L,RESPONSECAR\n")).Rows).Type);
    }

    [Fact]
    public void A_time_without_a_zone_is_refused_and_the_message_says_so()
    {
        var parsed = ReferenceCsv.ReadAccreditations(new StringReader("officer,skill,expires\n4521,firearms,2027-03-01T00:00:00\n4521,taser,01/03/2027\n"));

        Assert.Equal([(1, "expires"), (2, "expires")], parsed.Errors.Select(e => (e.Row, e.Field)));
        Assert.Contains("no time zone", parsed.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("ISO 8601", parsed.Errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Times_with_an_offset_are_read_as_utc_and_an_empty_expiry_is_none()
    {
        var parsed = ReferenceCsv.ReadAccreditations(new StringReader("officer,skill,expires\n4521,firearms,2027-03-01T01:30:00.25+01:30\n4521,first aid,\n"));

        Assert.Empty(parsed.Errors);
        var firearms = parsed.Rows[0].Expires!.Value;
        Assert.Equal(new DateTimeOffset(2027, 3, 1, 0, 0, 0, 250, TimeSpan.Zero), firearms);
        Assert.Equal(TimeSpan.Zero, firearms.Offset);
        Assert.Null(parsed.Rows[1].Expires);
    }

    [Fact]
    public void A_duplicate_id_is_reported_on_its_second_row_and_no_rows_are_returned()
    {
        var parsed = ReferenceCsv.ReadDevices(new StringReader("id,kind,name\nveh-LR21,vehicleTracker,FX21 ABC\n2001234,airwaveRadio,\nveh-LR21,vehicleTracker,Other\n"));

        var error = Assert.Single(parsed.Errors);
        Assert.Equal((3, "id"), (error.Row, error.Field));
        Assert.Contains("row 1", error.Message, StringComparison.Ordinal);
        Assert.Empty(parsed.Rows);
    }

    [Fact]
    public void Rows_with_the_same_id_form_one_shift_with_its_crew_in_row_order()
    {
        var csv = "id,unit,start,end,vehicle,officer,radio\n"
            + "late,LR21,2026-11-26T14:00:00Z,2026-11-27T00:00:00Z,veh-LR21,4521,2001234\n"
            + "foot,FP1,2026-11-26T14:00:00Z,2026-11-26T22:00:00Z,,,\n"
            + "late,LR21,2026-11-26T15:00:00+01:00,2026-11-27T00:00:00Z,veh-LR21,4533,\n";

        var parsed = ReferenceCsv.ReadShifts(new StringReader(csv));

        Assert.Empty(parsed.Errors);
        Assert.Equal(
            [
                Rows.Text(new Shift("late", "LR21", Late, Late.AddHours(10), "veh-LR21", [new CrewMember("4521", "2001234"), new CrewMember("4533")])),
                Rows.Text(new Shift("foot", "FP1", Late, Late.AddHours(8), null, [])),
            ],
            Rows.Text(parsed.Rows));
    }

    [Fact]
    public void A_crew_members_phone_is_read_from_the_phone_column_and_a_rota_without_it_still_reads()
    {
        var csv = "id,unit,start,end,vehicle,officer,radio,phone\n"
            + "foot,PC13,2026-11-26T14:00:00Z,2026-11-26T22:00:00Z,,6001,2001300,pc13.phone\n"
            + "foot,PC13,2026-11-26T14:00:00Z,2026-11-26T22:00:00Z,,6002,,phone-pc13b\n"
            + "foot,PC13,2026-11-26T14:00:00Z,2026-11-26T22:00:00Z,,6003,2001301,\n";
        var before = "id,unit,start,end,vehicle,officer,radio\n"
            + "foot,PC13,2026-11-26T14:00:00Z,2026-11-26T22:00:00Z,,6001,2001300\n";

        var parsed = ReferenceCsv.ReadShifts(new StringReader(csv));
        var old = ReferenceCsv.ReadShifts(new StringReader(before));

        Assert.Empty(parsed.Errors);
        Assert.Equal(
            [Rows.Text(new Shift("foot", "PC13", Late, Late.AddHours(8), null,
                [new CrewMember("6001", "2001300", "pc13.phone"), new CrewMember("6002", PhoneDeviceId: "phone-pc13b"), new CrewMember("6003", "2001301")]))],
            Rows.Text(parsed.Rows));
        Assert.Empty(old.Errors);
        Assert.Equal([Rows.Text(new Shift("foot", "PC13", Late, Late.AddHours(8), null, [new CrewMember("6001", "2001300")]))], Rows.Text(old.Rows));
    }

    [Fact]
    public void A_phone_without_an_officer_or_carried_twice_on_a_shift_is_an_error_on_its_row()
    {
        var csv = "id,unit,start,end,officer,radio,phone\n"
            + "foot,PC13,2026-11-26T14:00:00Z,2026-11-26T22:00:00Z,6001,2001300,pc13.phone\n"
            + "foot,PC13,2026-11-26T14:00:00Z,2026-11-26T22:00:00Z,6002,pc13.phone,\n"
            + "foot,PC13,2026-11-26T14:00:00Z,2026-11-26T22:00:00Z,6003,,2001300\n"
            + "foot,PC13,2026-11-26T14:00:00Z,2026-11-26T22:00:00Z,,,phone-spare\n";

        var parsed = ReferenceCsv.ReadShifts(new StringReader(csv));

        Assert.Equal([(2, "radio"), (3, "phone"), (4, "officer")], parsed.Errors.OrderBy(e => e.Row).Select(e => (e.Row, e.Field)));
        Assert.Contains("officer '6001'", parsed.Errors.Single(e => e.Row == 3).Message, StringComparison.Ordinal);
        Assert.Equal("A phone is given without an officer.", parsed.Errors.Single(e => e.Row == 4).Message);
        Assert.Empty(parsed.Rows);
    }

    [Fact]
    public void Shifts_are_written_with_the_phone_after_the_radio()
    {
        var text = new StringWriter();

        ReferenceCsv.WriteShifts(text, [new Shift("foot", "PC13", Late, Late.AddHours(8), null, [new CrewMember("6001", "2001300", "pc13.phone"), new CrewMember("6002")])]);

        Assert.Equal(
            "id,unit,start,end,vehicle,officer,radio,phone\r\n"
            + "foot,PC13,2026-11-26T14:00:00Z,2026-11-26T22:00:00Z,,6001,2001300,pc13.phone\r\n"
            + "foot,PC13,2026-11-26T14:00:00Z,2026-11-26T22:00:00Z,,6002,,\r\n",
            text.ToString());
    }

    [Fact]
    public void Shift_rows_that_disagree_on_unit_start_end_or_vehicle_are_errors_on_the_disagreeing_row()
    {
        var csv = "id,unit,start,end,vehicle,officer,radio\n"
            + "late,LR21,2026-11-26T14:00:00Z,2026-11-27T00:00:00Z,veh-LR21,4521,\n"
            + "late,LR22,2026-11-26T14:00:00Z,2026-11-27T00:00:00Z,veh-LR21,4522,\n"
            + "late,LR21,2026-11-26T15:00:00Z,2026-11-27T01:00:00Z,,4523,\n"
            + "late,LR21,2026-11-26T14:00:00Z,2026-11-27T00:00:00Z,veh-LR21,4521,\n"
            + "late,LR21,2026-11-26T14:00:00Z,2026-11-27T00:00:00Z,veh-LR21,,2001234\n";

        var parsed = ReferenceCsv.ReadShifts(new StringReader(csv));

        Assert.Equal(
            [(2, "unit"), (3, "start"), (3, "end"), (3, "vehicle"), (4, "officer"), (5, "officer")],
            parsed.Errors.OrderBy(e => e.Row).Select(e => (e.Row, e.Field)));
        Assert.Contains("row 1", parsed.Errors.Single(e => e.Field == "unit").Message, StringComparison.Ordinal);
        Assert.Empty(parsed.Rows);
    }

    [Fact]
    public void A_shift_longer_than_a_day_or_ending_before_it_starts_is_an_error()
    {
        var csv = "id,unit,start,end,officer\n"
            + "long,LR21,2026-11-26T14:00:00Z,2026-11-27T14:00:01Z,4521\n"
            + "back,LR21,2026-11-26T14:00:00Z,2026-11-26T13:00:00Z,4521\n"
            + "day,LR21,2026-11-26T14:00:00Z,2026-11-27T14:00:00Z,4521\n";

        var parsed = ReferenceCsv.ReadShifts(new StringReader(csv));

        Assert.Equal([(1, "end"), (2, "end")], parsed.Errors.Select(e => (e.Row, e.Field)));
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_fields_or_a_stray_quote_is_an_error_and_later_rows_keep_their_numbers()
    {
        var csv = "id,name\n4521,PC One,extra\n4522\n4523,PC \"Three\n4524,PC Four,,\n4525,\"=cmd|' /C calc'!A0\"\n";

        var parsed = ReferenceCsv.ReadOfficers(new StringReader(csv));

        Assert.Equal([(1, ""), (2, ""), (3, ""), (5, "name")], parsed.Errors.OrderBy(e => e.Row).Select(e => (e.Row, e.Field)));
        Assert.Contains("formula", parsed.Errors.Single(e => e.Row == 5).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_the_row_limit_is_refused()
    {
        var csv = new System.Text.StringBuilder("id,name\n");
        for (var i = 0; i <= ReferenceLimits.MaxRows; i++)
        {
            csv.Append('o').Append(i).Append(",PC\n");
        }

        var parsed = ReferenceCsv.ReadOfficers(new StringReader(csv.ToString()));

        Assert.Equal(0, Assert.Single(parsed.Errors).Row);
        Assert.Empty(parsed.Rows);
    }

    [Fact]
    public void Writing_uses_the_documented_header_and_quotes_only_what_needs_it()
    {
        var text = new StringWriter();

        ReferenceCsv.WriteUnits(text, [new Unit("LR21", "Lima Romeo 21", UnitType.ArmedResponseVehicle, "S01", "Aylesmere, North")]);

        Assert.Equal("id,callSign,type,station,team\r\nLR21,Lima Romeo 21,armedResponseVehicle,S01,\"Aylesmere, North\"\r\n", text.ToString());
    }

    [Fact]
    public void A_device_name_a_spreadsheet_would_run_as_a_formula_is_written_as_text()
    {
        var text = new StringWriter();

        ReferenceCsv.WriteDevices(text, [new TrackedDevice("d1", DeviceKind.Phone, "=1+1")]);

        Assert.Equal("id,kind,name\r\nd1,phone,'=1+1\r\n", text.ToString());
    }
}
