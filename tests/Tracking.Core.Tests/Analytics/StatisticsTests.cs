using Tracking.Core.Analytics;

namespace Tracking.Core.Tests.Analytics;

public class StatisticsTests
{
    [Fact]
    public void The_median_of_an_even_count_is_halfway_between_the_middle_two() =>
        Assert.Equal(6.5, Statistics.Percentile([9, 1, 5, 8], 0.5));

    [Fact]
    public void The_90th_percentile_interpolates_between_ranks()
    {
        // Ten values 1..10: rank 0.9 × 9 = 8.1, between 9 and 10.
        Assert.Equal(9.1, Statistics.Percentile(Enumerable.Range(1, 10).Select(i => (double)i), 0.9)!.Value, 12);
        Assert.Null(Statistics.Percentile([], 0.9));
        Assert.Equal(4, Statistics.Percentile([4], 0.9));
    }

    [Fact]
    public void Gini_is_zero_for_equal_work_and_near_one_when_one_does_everything()
    {
        Assert.Equal(0, Statistics.Gini([3, 3, 3, 3]));
        // One of four does all: Σ|xi-xj| = 2·3·4 = 24; 2n²μ = 2·16·1 = 32 → 0.75.
        Assert.Equal(0.75, Statistics.Gini([0, 0, 0, 4]));
        // 1, 2, 3: Σ|xi-xj| = 2·(1+2+1) = 8; 2n²μ = 2·9·2 = 36 → 2/9.
        Assert.Equal(2.0 / 9, Statistics.Gini([3, 1, 2])!.Value, 12);
        Assert.Null(Statistics.Gini([0, 0]));
    }

    [Fact]
    public void Change_is_in_percent_of_before()
    {
        // A pilot's "visits +266%": 3 visits before, 10.98 after.
        Assert.Equal(266, Statistics.ChangePercent(3, 10.98)!.Value, 9);
        Assert.Null(Statistics.ChangePercent(0, 5));
    }

    [Theory]
    [InlineData(9, 30.0, 3, 10.0, 3.0, TargetStatus.Green)]
    [InlineData(7, 30.0, 3, 10.0, 3.0, TargetStatus.Amber)]   // 7 of 9 visits = 78%
    [InlineData(9, 20.0, 3, 10.0, 3.0, TargetStatus.Red)]     // 20 of 30 minutes = 67%
    [InlineData(0, 0.0, null, null, 3.0, TargetStatus.None)]
    public void Rating_takes_the_worst_target(int visits, double minutes, int? visitsPerDay, double? minutesPerDay, double days, TargetStatus expected) =>
        Assert.Equal(expected, TargetRating.Of(TargetRating.WorstShare(visits, minutes, visitsPerDay, minutesPerDay, days)));
}
