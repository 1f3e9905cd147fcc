using GridSearch.Domain.Analysis;

namespace GridSearch.Domain.Tests.Analysis;

public sealed class MetricSummaryTests
{
    [Fact]
    public void Of_FiveAccuracies_GivesTheStudentInterval()
    {
        // Mean 0.98; deviations −0.01, 0, 0.01, 0, 0, so Σd² = 0.0002, s² = 0.0002 / 4 = 0.00005,
        // s = 0.0070711; s/√5 = 0.00316228; half-width = t(0.975, 4) · s/√5 = 2.776445 · 0.00316228 = 0.0087799.
        var summary = MetricSummary.Of([0.97, 0.98, 0.99, 0.98, 0.98]);

        Assert.Equal(5, summary.N);
        Assert.Equal(0.98, summary.Mean, 12);
        Assert.Equal(0.0070711, summary.StandardDeviation!.Value, 7);
        Assert.Equal(0.9712201, summary.Low!.Value, 7);
        Assert.Equal(0.9887799, summary.High!.Value, 7);
        Assert.Equal(0.0087799, summary.HalfWidth!.Value, 7);
        Assert.Equal((0.97, 0.99), (summary.Min, summary.Max));
    }

    [Fact]
    public void Of_OneValue_HasNoSpreadAndNoInterval()
    {
        var summary = MetricSummary.Of([0.93]);

        Assert.Equal(new MetricSummary(1, 0.93, null, null, null, 0.93, 0.93), summary);
        Assert.Null(summary.HalfWidth);
    }

    [Fact]
    public void Of_NoValues_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => MetricSummary.Of([]));
    }
}
