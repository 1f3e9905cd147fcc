namespace GridSearch.Domain.Sampling;

/// <summary>A Parzen estimator over one axis: l(x) built from the good observations or g(x) from the others.
/// Values are doubles: a choice's index for a categorical axis, the value itself for a range.</summary>
internal interface IAxisDensity
{
    double Sample(Random random);

    double LogDensity(double value);
}
