using Tracking.Core.Dispatch;

namespace Tracking.Simulator.Cad;

/// <summary>The incident types the simulated command and control raises, by grade. Thread-safe (read only).</summary>
public static class IncidentCatalogue
{
    /// <summary>Title of the grade 1 incident raised for an officer's emergency button.</summary>
    public const string OfficerEmergency = "Officer requires urgent assistance";

    public static IReadOnlyList<IncidentType> Types { get; } =
    [
        new("Burglary in progress", 1, 3, [], null, 30, 60),
        new("Assault in progress", 1, 3, [], null, 30, 75),
        new("Domestic incident, violence in progress", 1, 3, [], null, 40, 90),
        new("Road traffic collision, injuries", 1, 2, ["firstAid"], null, 30, 80),
        new("Concern for safety, threat to life", 1, 2, [], null, 25, 60),
        new("Person seen with a knife", 1, 1.5, ["taser"], null, 30, 60),
        new("Fight outside licensed premises", 1, 2, ["publicOrder"], UnitType.Van, 25, 50),
        new("Firearms incident", 1, 0.4, ["firearms"], UnitType.ArmedResponseVehicle, 40, 90),
        new("Suspects decamped, track required", 1, 0.5, ["dogHandler"], UnitType.DogUnit, 30, 60),
        new("Shoplifter detained by security", 2, 3, [], null, 30, 60),
        new("Missing person, vulnerable", 2, 2, [], null, 30, 70),
        new("Road traffic collision, no injuries", 2, 2, [], null, 20, 45),
        new("Suspicious person acting strangely", 2, 2, [], null, 15, 30),
        new("Drunk and disorderly", 2, 2, [], null, 20, 45),
        new("Theft from a person, suspect nearby", 2, 1.5, [], null, 20, 40),
        new("Burglary report, scheduled visit", 3, 3, [], null, 30, 50),
        new("Theft from vehicle", 3, 2, [], null, 20, 35),
        new("Criminal damage report", 3, 2, [], null, 20, 35),
        new("Antisocial behaviour follow-up", 3, 2, [], null, 15, 30),
        new("Harassment, statement to take", 3, 1.5, [], null, 30, 60),
    ];

    public static IncidentType Emergency { get; } = new(OfficerEmergency, 1, 0, [], null, 20, 40);
}
