using GridSearch.Domain.Models;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Training;

/// <summary>
/// One network and its optimizer on the native side: epochs, evaluations, the learning rate and
/// weight snapshots, one call each. <see cref="TrialTrainer"/> drives it from a trial config; the
/// engine bench drives it directly.
/// </summary>
public sealed class TrainingSession : IDisposable
{
    private readonly ModelHandle model;
    private readonly TrainerHandle trainer;

    private TrainingSession(Architecture architecture, ModelHandle model, TrainerHandle trainer, long parameterCount)
    {
        Architecture = architecture;
        this.model = model;
        this.trainer = trainer;
        ParameterCount = parameterCount;
    }

    public Architecture Architecture { get; }

    /// <summary>Trainable parameters as libtorch counts them.</summary>
    public long ParameterCount { get; }

    /// <summary>Builds the network, initialised from <paramref name="seed"/>; the same seed also drives
    /// its dropout, shuffling and augmentation. <paramref name="device"/>: Cpu or Cuda.</summary>
    public static TrainingSession Create(
        Architecture architecture, WeightInitializer initializer, long seed, OptimizerSettings optimizer, TrainingDevice device = TrainingDevice.Cpu)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(optimizer);
        if (device == TrainingDevice.Auto)
        {
            throw new ArgumentException("Resolve auto to cpu or cuda before training.", nameof(device));
        }

        var layers = architecture.Layers.Select(layer => new NativeLayer(layer)).ToArray();
        NativeMethods.Check(NativeMethods.gs_model_create(layers, layers.Length, (int)initializer, seed, EnumNames.Of(device), out var model));
        try
        {
            NativeMethods.Check(NativeMethods.gs_model_parameter_count(model, out var parameters));
            var spec = new NativeOptimizerSpec(optimizer);
            NativeMethods.Check(NativeMethods.gs_trainer_create(model, in spec, out var trainer));
            return new TrainingSession(architecture, model, trainer, parameters);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    public void SetLearningRate(double learningRate) =>
        NativeMethods.Check(NativeMethods.gs_trainer_set_learning_rate(trainer, learningRate));

    /// <summary>One pass over <paramref name="data"/> in a fresh shuffled order.</summary>
    public EpochMetrics TrainEpoch(ImageSet data, int batchSize, Augmentation augmentation = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        NativeMethods.Check(NativeMethods.gs_trainer_train_epoch(
            trainer, data.Handle, batchSize, augmentation.MaxShift, augmentation.MaxRotationDegrees, out var loss, out var accuracy));
        return new EpochMetrics(loss, accuracy);
    }

    public Evaluation Evaluate(ImageSet data, int batchSize, bool withConfusionMatrix = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        var classes = withConfusionMatrix ? Architecture.Classes : 0;
        var confusion = new long[classes * classes];
        NativeMethods.Check(NativeMethods.gs_trainer_evaluate(
            trainer, data.Handle, batchSize, out var loss, out var accuracy, confusion, classes));
        int[][]? matrix = withConfusionMatrix
            ? [.. Enumerable.Range(0, classes).Select(row => confusion[(row * classes)..((row + 1) * classes)].Select(n => (int)n).ToArray())]
            : null;
        return new Evaluation(loss, accuracy, matrix);
    }

    /// <summary>Keeps a copy of the current weights (and batch-norm statistics) for <see cref="Restore"/>.</summary>
    public void Snapshot() => NativeMethods.Check(NativeMethods.gs_trainer_snapshot(trainer));

    public void Restore() => NativeMethods.Check(NativeMethods.gs_trainer_restore(trainer));

    /// <summary>A copy of the current weights and batch-norm statistics, laid out as <see cref="ModelState.Layout"/> says.</summary>
    public ModelState CopyState()
    {
        NativeMethods.Check(NativeMethods.gs_model_state_size(model, out var count));
        var values = new float[count];
        NativeMethods.Check(NativeMethods.gs_model_state_copy(model, values, count));
        return ModelState.Create(Architecture, values);
    }

    /// <summary>The whole native training state as bytes: weights and buffers, the optimizer's state, the
    /// trial's random generator and the <see cref="Snapshot"/>. <see cref="LoadState"/> on a session created
    /// alike continues exactly as this one would.</summary>
    public byte[] SaveState()
    {
        NativeMethods.Check(NativeMethods.gs_trainer_save_checkpoint(trainer, out var data, out var size));
        try
        {
            var bytes = new byte[size];
            System.Runtime.InteropServices.Marshal.Copy(data, bytes, 0, bytes.Length);
            return bytes;
        }
        finally
        {
            NativeMethods.gs_checkpoint_free(data);
        }
    }

    /// <summary>Puts back a state from <see cref="SaveState"/>.</summary>
    /// <exception cref="NativeTrainingException">The bytes are no state of this architecture and optimizer
    /// (nothing was changed then), or libtorch could not read them.</exception>
    public void LoadState(ReadOnlySpan<byte> state) =>
        NativeMethods.Check(NativeMethods.gs_trainer_load_checkpoint(trainer, state, state.Length));

    public void Dispose()
    {
        trainer.Dispose();
        model.Dispose();
    }
}
