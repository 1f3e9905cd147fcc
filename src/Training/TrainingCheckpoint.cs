using System.Text;
using GridSearch.Domain.Trials;

namespace GridSearch.Training;

/// <summary>
/// A trial's training state at the end of an epoch: everything <see cref="TrialTrainer"/> needs to go on
/// from the next epoch exactly as if it had never stopped. The epochs so far, the schedule's next rate and
/// plateau watch, early stopping's best epoch and watch, and the native state (weights, optimizer, random
/// generator, the best epoch's weights: <see cref="TrainingSession.SaveState"/>).
/// <see cref="ToBytes"/> and <see cref="FromBytes"/> carry it across processes.
/// </summary>
public sealed record TrainingCheckpoint(
    IReadOnlyList<Epoch> History,
    double NextLearningRate,
    MetricTrackerState Plateau,
    int BestEpoch,
    MetricTrackerState Stopping,
    byte[] NativeState)
{
    // "GSCK" and a version, so that bytes of another layout are refused rather than misread.
    private static readonly byte[] Magic = "GSCK"u8.ToArray();
    private const int FormatVersion = 1;

    /// <summary>Epochs finished: training goes on with epoch CompletedEpochs + 1.</summary>
    public int CompletedEpochs => History.Count;

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream(NativeState.Length + 256 + (History.Count * 64));
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(History.Count);
            foreach (var epoch in History)
            {
                writer.Write(epoch.Number);
                writer.Write(epoch.TrainLoss);
                writer.Write(epoch.TrainAccuracy);
                Write(writer, epoch.ValLoss);
                Write(writer, epoch.ValAccuracy);
                writer.Write(epoch.LearningRate);
                writer.Write(epoch.Seconds);
            }

            writer.Write(NextLearningRate);
            Write(writer, Plateau);
            writer.Write(BestEpoch);
            Write(writer, Stopping);
            writer.Write(NativeState.Length);
            writer.Write(NativeState);
        }

        return stream.ToArray();
    }

    /// <exception cref="InvalidDataException">The bytes are no checkpoint of this format.</exception>
    public static TrainingCheckpoint FromBytes(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var reader = new BinaryReader(new MemoryStream(bytes, writable: false), Encoding.UTF8);
        try
        {
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
            {
                throw new InvalidDataException("These bytes are no training checkpoint.");
            }

            var version = reader.ReadInt32();
            if (version != FormatVersion)
            {
                throw new InvalidDataException($"Checkpoint format {version} is not this engine's ({FormatVersion}).");
            }

            var history = new Epoch[ReadCount(reader)];
            for (var i = 0; i < history.Length; i++)
            {
                history[i] = new Epoch
                {
                    Number = reader.ReadInt32(),
                    TrainLoss = reader.ReadDouble(),
                    TrainAccuracy = reader.ReadDouble(),
                    ValLoss = ReadNullable(reader),
                    ValAccuracy = ReadNullable(reader),
                    LearningRate = reader.ReadDouble(),
                    Seconds = reader.ReadDouble(),
                };
            }

            var nextLearningRate = reader.ReadDouble();
            var plateau = ReadTracker(reader);
            var bestEpoch = reader.ReadInt32();
            var stopping = ReadTracker(reader);
            var native = reader.ReadBytes(ReadCount(reader));
            if (reader.BaseStream.Position != bytes.Length || native.Length == 0)
            {
                throw new InvalidDataException("The training checkpoint is truncated or has bytes after its end.");
            }

            return new TrainingCheckpoint(history, nextLearningRate, plateau, bestEpoch, stopping, native);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("The training checkpoint is truncated.", e);
        }
    }

    private static int ReadCount(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        return count >= 0 && count <= reader.BaseStream.Length - reader.BaseStream.Position
            ? count
            : throw new InvalidDataException($"The training checkpoint names {count} items where its bytes cannot hold them.");
    }

    private static void Write(BinaryWriter writer, double? value)
    {
        writer.Write(value.HasValue);
        writer.Write(value ?? 0);
    }

    private static double? ReadNullable(BinaryReader reader)
    {
        var present = reader.ReadBoolean();
        var value = reader.ReadDouble();
        return present ? value : null;
    }

    private static void Write(BinaryWriter writer, MetricTrackerState tracker)
    {
        Write(writer, tracker.Best);
        writer.Write(tracker.EpochsWithoutImprovement);
    }

    private static MetricTrackerState ReadTracker(BinaryReader reader) => new(ReadNullable(reader), reader.ReadInt32());
}
