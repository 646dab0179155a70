using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Tracking.Server.Tests.Web;

/// <summary>
/// The view picker: the page joins the hub's team, station or bounding-box view the dispatcher picks, shows only what
/// the hub sends for it, and keeps the choice in its address through a reload. Whether a unit is in the view is read
/// from the count of markers the page holds ("2 shown") as well as from the markers themselves: the clustering layer
/// also leaves markers outside the screen out of the page, so a missing marker alone would not prove the hub left it out.
/// </summary>
public sealed partial class LiveMapPageTests
{
    private static ILocator Picker(LiveMapPage page) => page.Page.Locator("#view-picker");

    private static ILocator Shown(LiveMapPage page) => page.Page.Locator("#view-count");

    [Fact]
    public async Task Picking_a_team_shows_only_that_teams_units_and_a_reload_keeps_the_view()
    {
        // Inside the test map, which the page fits to the screen, and apart from the other tests' units and each other.
        await using var inTeam = await fixture.OnDutyAtAsync("web-team-in", 52.6215, -1.118, team: "Roads Policing Web");
        await using var outside = await fixture.OnDutyAtAsync("web-team-out", 52.6215, -1.113);

        await using var page = await OpenAsync();
        await page.WaitUntilLiveAsync();
        await Expect(Picker(page)).ToHaveValueAsync("force");
        await Expect(page.Marker("web-team-in")).ToBeVisibleAsync();
        await Expect(page.Marker("web-team-out")).ToBeVisibleAsync();

        await Picker(page).SelectOptionAsync(new SelectOptionValue { Label = "Roads Policing Web" });

        // The snapshot of the team replaces every marker: its one unit is all there is.
        await Expect(Shown(page)).ToHaveAttributeAsync("data-count", "1");
        await Expect(page.Marker("web-team-in")).ToBeVisibleAsync();
        await Expect(page.Marker("web-team-out")).ToHaveCountAsync(0);
        await Expect(page.Page.Locator(".unit-marker")).ToHaveCountAsync(1);
        Assert.EndsWith("/?view=team&team=Roads+Policing+Web", page.Page.Url, StringComparison.Ordinal);

        await page.Page.ReloadAsync();
        await page.WaitUntilLiveAsync();
        await Expect(Picker(page)).ToHaveValueAsync("team:Roads Policing Web");
        await Expect(Shown(page)).ToHaveAttributeAsync("data-count", "1");
        await Expect(page.Marker("web-team-in")).ToBeVisibleAsync();
        await Expect(page.Marker("web-team-out")).ToHaveCountAsync(0);
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task Picking_a_station_shows_only_its_units_and_the_whole_force_brings_the_others_back()
    {
        await using var inStation = await fixture.OnDutyAtAsync("web-station-in", 52.6385, -1.128, station: "Wigston Web");
        await using var outside = await fixture.OnDutyAtAsync("web-station-out", 52.6385, -1.123);

        await using var page = await OpenAsync();
        await page.WaitUntilLiveAsync();
        // A station the units name by the map's id is listed under the map's name.
        await Expect(Picker(page).Locator("optgroup[label='Stations'] option[value='station:HQ']")).ToHaveTextAsync("Headquarters (HQ)");

        await Picker(page).SelectOptionAsync(new SelectOptionValue { Label = "Wigston Web" });

        await Expect(Shown(page)).ToHaveAttributeAsync("data-count", "1");
        await Expect(page.Marker("web-station-in")).ToBeVisibleAsync();
        await Expect(page.Marker("web-station-out")).ToHaveCountAsync(0);
        Assert.EndsWith("/?view=station&station=Wigston+Web", page.Page.Url, StringComparison.Ordinal);

        await Picker(page).SelectOptionAsync("force");

        await Expect(page.Marker("web-station-out")).ToBeVisibleAsync();
        await Expect(page.Marker("web-station-in")).ToBeVisibleAsync();
        Assert.EndsWith("/?view=force", page.Page.Url, StringComparison.Ordinal);
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task Following_the_map_shows_only_the_units_inside_its_bounds_joins_again_when_it_zooms_and_reloads_in_place()
    {
        // North of where the other tests put their units, so at these zooms the view holds only these two:
        // 0.02° of longitude (about 1.35 km) apart, one at the centre of the screen.
        await using var centre = await fixture.OnDutyAtAsync("web-follow-centre", 52.66, -1.112);
        await using var east = await fixture.OnDutyAtAsync("web-follow-east", 52.66, -1.092);

        // At zoom 17 the map (about 1,240 px wide) shows some 900 m across: the eastern unit is outside.
        await using var page = await fixture.OpenPageAsync(
            nameof(Following_the_map_shows_only_the_units_inside_its_bounds_joins_again_when_it_zooms_and_reloads_in_place), path: "/?view=map&at=17/52.66/-1.112");
        await page.WaitUntilLiveAsync();
        await Expect(Picker(page)).ToHaveValueAsync("map");
        await Expect(Shown(page)).ToHaveAttributeAsync("data-count", "1");
        await Expect(page.Marker("web-follow-centre")).ToBeVisibleAsync();

        // Two steps out, some 3.6 km across: both are inside, and the page asks the hub for the larger box.
        await page.Page.Locator(".leaflet-control-zoom-out").ClickAsync();
        await Expect(page.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"[?&]at=16/"));
        await page.Page.Locator(".leaflet-control-zoom-out").ClickAsync();
        await Expect(page.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"\?view=map&at=15/52\.66000/-1\.11200$"));

        await Expect(Shown(page)).ToHaveAttributeAsync("data-count", "2");
        await Expect(page.Marker("web-follow-east")).ToBeVisibleAsync();

        await page.Page.ReloadAsync();
        await page.WaitUntilLiveAsync();
        await Expect(Picker(page)).ToHaveValueAsync("map");
        await Expect(Shown(page)).ToHaveAttributeAsync("data-count", "2");
        await Expect(page.Marker("web-follow-east")).ToBeVisibleAsync();
        await Expect(page.Marker("web-follow-centre")).ToBeVisibleAsync();
        Assert.EndsWith("?view=map&at=15/52.66000/-1.11200", page.Page.Url, StringComparison.Ordinal);
        Assert.Empty(page.Errors);
    }
}
