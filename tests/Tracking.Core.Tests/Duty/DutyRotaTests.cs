using Tracking.Core.Duty;
using Tracking.Core.Resources;

namespace Tracking.Core.Tests.Duty;

public class DutyRotaTests
{
    private static readonly DateTimeOffset Day = new(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);

    private static Shift Late(string id = "late", string unit = "LR21", int startHour = 14, int hours = 10) => new(
        id, unit, Day.AddHours(startHour), Day.AddHours(startHour + hours), "veh-LR21",
        [new CrewMember("4521", "2001234"), new CrewMember("5310", "2001235")]);

    [Fact]
    public void A_vehicle_fix_belongs_to_the_unit_and_its_whole_crew()
    {
        var rota = new DutyRota([Late()]);

        var duty = rota.Attribute("veh-LR21", Day.AddHours(15));

        Assert.NotNull(duty);
        Assert.Equal("LR21", duty.UnitId);
        Assert.Equal(DeviceRole.Vehicle, duty.Role);
        Assert.Equal(["4521", "5310"], duty.OfficerIds);
    }

    [Fact]
    public void A_radio_fix_belongs_to_the_officer_who_carries_it()
    {
        var duty = new DutyRota([Late()]).Attribute("2001235", Day.AddHours(15));

        Assert.NotNull(duty);
        Assert.Equal(DeviceRole.Radio, duty.Role);
        Assert.Equal(["5310"], duty.OfficerIds);
    }

    // PC 6001 walks a beat with a radio and a phone; PCSO 6002 carries only a phone.
    private static Shift Foot(string id = "foot", string unit = "PC13", int startHour = 8, int hours = 8) => new(
        id, unit, Day.AddHours(startHour), Day.AddHours(startHour + hours), null,
        [new CrewMember("6001", "2001300", "pc13.phone"), new CrewMember("6002", PhoneDeviceId: "phone-pc13b")]);

    [Fact]
    public void A_phone_fix_belongs_to_the_officer_who_carries_it_as_a_radio_fix_does()
    {
        var rota = new DutyRota([Foot()]);

        var phone = rota.Attribute("pc13.phone", Day.AddHours(9));
        var radio = rota.Attribute("2001300", Day.AddHours(9));
        var phoneOnly = rota.Attribute("phone-pc13b", Day.AddHours(9));

        Assert.NotNull(phone);
        Assert.Equal(DeviceRole.Phone, phone.Role);
        Assert.Equal("PC13", phone.UnitId);
        Assert.Equal(["6001"], phone.OfficerIds);
        Assert.Equal(DeviceRole.Radio, radio?.Role);
        Assert.Equal(["6001"], radio?.OfficerIds);
        Assert.Equal(["6002"], phoneOnly?.OfficerIds);
    }

    [Fact]
    public void Radios_and_phones_are_carried_and_the_vehicle_is_not()
    {
        Assert.True(DeviceRole.Radio.IsCarried());
        Assert.True(DeviceRole.Phone.IsCarried());
        Assert.False(DeviceRole.Vehicle.IsCarried());
    }

    [Fact]
    public void A_shift_gives_out_its_vehicle_and_every_radio_and_phone_its_crew_carries()
    {
        Assert.Equal(["2001300", "pc13.phone", "phone-pc13b"], Foot().DeviceIds());
        var crewed = Late() with { Crew = [new CrewMember("4521", "2001234", "phone-4521"), new CrewMember("5310")] };
        Assert.Equal(["veh-LR21", "2001234", "phone-4521"], crewed.DeviceIds());
    }

    [Fact]
    public void At_a_handover_a_phone_goes_with_the_shift_that_started_last()
    {
        var early = Foot("early", "PC13", 8, 8);   // 08:00-16:00
        var late = Foot("late", "PC14", 15, 8);    // 15:00-23:00, the same phones and radio
        var rota = new DutyRota([late, early]);

        Assert.Equal("PC13", rota.Attribute("pc13.phone", Day.AddHours(14.5))?.UnitId);
        Assert.Equal("late", rota.Attribute("pc13.phone", Day.AddHours(15.5))?.Shift.Id);
        Assert.Equal("PC14", rota.Attribute("phone-pc13b", Day.AddHours(15))?.UnitId);
        Assert.Null(rota.Attribute("pc13.phone", Day.AddHours(23)));
    }

    [Fact]
    public void A_shift_covers_its_start_and_not_its_end()
    {
        var rota = new DutyRota([Late()]);

        Assert.NotNull(rota.Attribute("veh-LR21", Day.AddHours(14)));
        Assert.Null(rota.Attribute("veh-LR21", Day.AddHours(24)));
        Assert.Null(rota.Attribute("veh-LR21", Day.AddHours(14).AddTicks(-1)));
        Assert.Null(rota.ShiftOf("LR21", Day.AddHours(24)));
        Assert.Equal("late", rota.ShiftOf("LR21", Day.AddHours(23.99))?.Id);
    }

    [Fact]
    public void At_a_handover_the_shift_that_started_last_has_the_vehicle()
    {
        var early = Late("early", "LR21", 6, 9); // 06:00-15:00
        var late = Late("late", "LR22", 14, 10); // 14:00-24:00, same vehicle and radios
        var rota = new DutyRota([late, early]);

        Assert.Equal("LR21", rota.Attribute("veh-LR21", Day.AddHours(13.5))?.UnitId);
        Assert.Equal("LR22", rota.Attribute("veh-LR21", Day.AddHours(14.5))?.UnitId);
        Assert.Equal("early", rota.ShiftOf("LR21", Day.AddHours(14.5))?.Id);
    }

    [Fact]
    public void A_device_no_shift_names_belongs_to_nobody()
    {
        Assert.Null(new DutyRota([Late()]).Attribute("veh-OTHER", Day.AddHours(15)));
        Assert.Null(DutyRota.Empty.ShiftOf("LR21", Day));
    }

    [Fact]
    public void A_crew_has_the_union_of_its_skills_with_the_latest_expiry()
    {
        var accreditations = new Dictionary<string, IReadOnlyList<Accreditation>>
        {
            ["4521"] = [new("4521", "Firearms", Day.AddDays(10)), new("4521", "taser", Day.AddDays(-1))],
            ["5310"] = [new("5310", "firearms", Day.AddDays(30)), new("5310", "first aid", null)],
            ["9999"] = [new("9999", "dog handler", null)],
        };

        var skills = CrewSkills.Of(["4521", "5310"], accreditations);

        Assert.Equal(3, skills.Count);
        Assert.Equal(Day.AddDays(30), skills["FIREARMS"]);
        Assert.Equal(Day.AddDays(-1), skills["taser"]);
        Assert.Null(skills["first aid"]);
        Assert.False(skills.ContainsKey("dog handler"));
    }

    [Fact]
    public void A_skill_that_never_expires_wins_over_one_that_does()
    {
        var accreditations = new Dictionary<string, IReadOnlyList<Accreditation>>
        {
            ["a"] = [new("a", "taser", null)],
            ["b"] = [new("b", "taser", Day)],
        };

        Assert.Null(CrewSkills.Of(["b", "a"], accreditations)["taser"]);
        Assert.Null(CrewSkills.Of(["a", "b"], accreditations)["taser"]);
    }

    [Fact]
    public void An_accreditation_is_valid_strictly_before_its_expiry()
    {
        var accreditation = new Accreditation("4521", "firearms", Day);

        Assert.True(accreditation.IsValidAt(Day.AddTicks(-1)));
        Assert.False(accreditation.IsValidAt(Day));
        Assert.True(new Accreditation("4521", "first aid", null).IsValidAt(DateTimeOffset.MaxValue));
    }
}
