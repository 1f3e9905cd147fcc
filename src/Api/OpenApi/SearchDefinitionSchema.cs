using System.Globalization;
using System.Text.Json.Nodes;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Planning;
using GridSearch.Domain.Pruning;
using GridSearch.Domain.Vocabulary;
using Microsoft.OpenApi;

namespace GridSearch.Api.OpenApi;

/// <summary>
/// The search definition (the body of POST /api/searches and of its dry run) as OpenAPI schemas, derived
/// from what the planner reads: the axes of <see cref="AxisCatalog"/> with their types, choices and bounds,
/// the enums' names as <see cref="EnumNames"/> spells them, and the sections' bounds from their readers'
/// constants. The planner still checks what a schema cannot say (a range's values against the axis, an
/// axis of the other model family, an axis both in grid and in fixed).
/// </summary>
public static class SearchDefinitionSchema
{
    public const string Definition = "SearchDefinition";
    public const string Strategy = "SearchStrategy";
    public const string StopLimits = "SearchStopLimits";
    public const string Target = "StopTarget";
    public const string PrunerSchema = "Pruner";
    public const string Grid = "SearchGrid";
    public const string Fixed = "SearchFixedValues";
    public const string Range = "AxisRange";
    public const string StartFromSchema = "StartFrom";

    /// <summary>Every schema of a definition by component name; references point into <paramref name="document"/>.</summary>
    public static IReadOnlyDictionary<string, IOpenApiSchema> Components(OpenApiDocument document)
    {
        IOpenApiSchema Ref(string name, bool nullable = false)
        {
            var reference = new OpenApiSchemaReference(name, document);
            // OpenAPI 3.0 ignores a $ref's siblings: null joins through allOf.
            return nullable ? new OpenApiSchema { AllOf = [reference], Type = JsonSchemaType.Null } : reference;
        }

        var fields = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            ["name"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                MinLength = 1,
                MaxLength = SearchPlanner.MaxNameLength,
                Description = "Shown in lists; defaults to dataset-model.",
            },
            ["dataset"] = Choice(EnumNames.Choices<Dataset>(), "The dataset every trial trains on."),
            ["model"] = Choice(EnumNames.Choices<ModelFamily>(), "The model family; axes of the other family are refused."),
            ["seed"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Integer,
                Format = "int64",
                Minimum = "0",
                Default = SearchPlanner.DefaultSeed,
                Description = "Seeds the sample, the queue order and every trial's validation split and weights.",
            },
            ["repeats"] = Integer(
                1,
                SearchPlanner.MaxRepeats,
                "How many times each configuration trains: repeat r with seed + r, so repeat 0 is the unrepeated trial. Every repeat is a trial (the trial limit counts them).",
                SearchPlanner.DefaultRepeats),
            ["strategy"] = Ref(Strategy, nullable: true),
            ["limits"] = Ref(StopLimits, nullable: true),
            ["pruner"] = Ref(PrunerSchema, nullable: true),
            ["grid"] = Ref(Grid, nullable: true),
            ["fixed"] = Ref(Fixed, nullable: true),
            ["reuse"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Boolean | JsonSchemaType.Null,
                Default = true,
                Description = "Whether finished trials of the same configs (any search's) answer this one's at once.",
            },
            ["startFrom"] = Ref(StartFromSchema, nullable: true),
        };
        var unknown = SearchPlanner.Fields.Except(fields.Keys).Concat(fields.Keys.Except(SearchPlanner.Fields)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException($"The definition's schema and the planner disagree on the fields {string.Join(", ", unknown)}.");
        }

        return new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            [Definition] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "A search: the dataset and model, the axes it varies (grid) and pins (fixed); every other axis takes its default (GET /api/axes).",
                Properties = SearchPlanner.Fields.ToDictionary(name => name, name => fields[name]),
                Required = new HashSet<string>(["dataset", "model"]),
                AdditionalPropertiesAllowed = false,
            },
            [Strategy] = Section(
                "Every grid point (grid, the default), a seeded sample of them (random: fraction or count), or count trials TPE suggests one by one as workers claim them, learning from the finished ones (tpe: the points first).",
                new()
                {
                    ["kind"] = Choice(EnumNames.Choices<StrategyKind>(), null),
                    ["fraction"] = Number(0, 1, minExclusive: true, maxExclusive: false, "Share of the grid's points to run."),
                    ["count"] = Integer(1, int.MaxValue, "Trials to run; required when a grid axis is a range to draw from."),
                    ["points"] = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Array,
                        Items = Ref(Fixed),
                        Description = "tpe only: grid points (a value of each axis the grid varies, inside the grid) tried first, in this order.",
                    },
                }),
            [StartFromSchema] = Section(
                "tpe only: an earlier search of the same dataset and model; its top configurations that lie in this grid are tried first, and TPE learns from its finished trials that lie in it with the same fixed settings.",
                new()
                {
                    ["searchId"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Minimum = "1", Description = "The earlier search." },
                    ["top"] = Integer(1, StartFrom.MaxTop, "How many of its best trials (by its leaderboard) to try first.", StartFrom.DefaultTop),
                },
                required: ["searchId"]),
            [StopLimits] = Section(
                "When the search stops early: after so many trials, after so long, or once a trial reaches the target.",
                new()
                {
                    ["maxTrials"] = Integer(1, int.MaxValue, "At most this many trials are started."),
                    ["timeLimitMinutes"] = Number(0, SearchStopLimits.MaxTimeLimitMinutes, minExclusive: true, maxExclusive: false, "Wall time from the first trial's start."),
                    ["target"] = Ref(Target),
                }),
            [Target] = Section(
                "A validation metric's value: the first epoch that reaches it stops the search.",
                new()
                {
                    ["metric"] = Metric(),
                    ["value"] = new OpenApiSchema { Type = JsonSchemaType.Number, Description = "In (0, 1] for an accuracy, >= 0 for a loss." },
                },
                required: ["metric", "value"]),
            [PrunerSchema] = Section(
                "Stops trials that are clearly behind the others at the same epoch.",
                new()
                {
                    ["kind"] = Choice(EnumNames.Choices<PrunerKind>(), null),
                    ["minEpochs"] = Integer(1, Pruner.MaxMinEpochs, "The first epoch it judges (median), or the first rung (asha).", Pruner.DefaultMinEpochs),
                    ["reductionFactor"] = Integer(Pruner.MinReductionFactor, Pruner.MaxReductionFactor, "asha only: rungs grow, and survivors shrink, by this factor.", Pruner.DefaultReductionFactor),
                    ["metric"] = Metric(),
                },
                required: ["kind"]),
            [Grid] = Axes("The axes the search varies: a list of values each, or a range for a numeric axis. Every combination is a grid point.", GridEntry),
            [Fixed] = Axes("The axes the search pins to one value each.", Value),
            [Range] = Section(
                "A numeric axis's values from min to max: by step, or count values (log: evenly on a log scale). A random search may give neither, to draw each trial's value from [min, max].",
                new()
                {
                    ["min"] = new OpenApiSchema { Type = JsonSchemaType.Number },
                    ["max"] = new OpenApiSchema { Type = JsonSchemaType.Number },
                    ["step"] = new OpenApiSchema { Type = JsonSchemaType.Number, ExclusiveMinimum = "0" },
                    ["count"] = Integer(1, int.MaxValue, null),
                    ["log"] = new OpenApiSchema { Type = JsonSchemaType.Boolean, Default = false },
                },
                required: ["min", "max"]),
        };

        IOpenApiSchema GridEntry(Axis axis)
        {
            var list = new OpenApiSchema { Type = JsonSchemaType.Array, Items = Value(axis), MinItems = 1, Description = axis.Description };
            return axis.IsNumeric ? new OpenApiSchema { OneOf = [list, Ref(Range)], Description = axis.Description } : list;
        }
    }

    /// <summary>One value of an axis, as a fixed entry or an item of a grid list.</summary>
    private static OpenApiSchema Value(Axis axis)
    {
        var schema = axis.Kind switch
        {
            AxisKind.Integer => Bounded(new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" }, axis),
            AxisKind.Number => Bounded(new OpenApiSchema { Type = JsonSchemaType.Number, Format = "double" }, axis),
            AxisKind.Boolean => new OpenApiSchema { Type = JsonSchemaType.Boolean },
            AxisKind.Choice => Choice(axis.Choices!, null),
            AxisKind.Widths => new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Items = Bounded(new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" }, axis),
                MinItems = 1,
            },
            AxisKind.Activation => new OpenApiSchema
            {
                OneOf = [Choice(axis.Choices!, null), new OpenApiSchema { Type = JsonSchemaType.Array, Items = Choice(axis.Choices!, null), MinItems = 1 }],
            },
            _ => throw new InvalidOperationException($"Unhandled axis kind {axis.Kind}."),
        };
        string?[] description =
        [
            axis.Description,
            axis.OnlyFor is { } family ? $"{EnumNames.Of(family)} only." : null,
            axis.AppliesWhen is { } when ? $"Applies when {when.Text}." : null,
        ];
        schema.Description = string.Join(" ", description.Where(s => s is not null));
        // A default with a label ("all") is no value the axis takes.
        if (axis.Default is not null && axis.DefaultLabel is null)
        {
            schema.Default = JsonNode.Parse(VocabularyJson.Serialize(axis.Default));
        }

        return schema;
    }

    private static OpenApiSchema Bounded(OpenApiSchema schema, Axis axis)
    {
        if (double.IsFinite(axis.Min))
        {
            if (axis.MinExclusive)
            {
                schema.ExclusiveMinimum = Format(axis.Min);
            }
            else
            {
                schema.Minimum = Format(axis.Min);
            }
        }

        if (double.IsFinite(axis.Max))
        {
            if (axis.MaxExclusive)
            {
                schema.ExclusiveMaximum = Format(axis.Max);
            }
            else
            {
                schema.Maximum = Format(axis.Max);
            }
        }

        if (axis.Odd)
        {
            schema.Not = new OpenApiSchema { MultipleOf = 2 };
        }

        return schema;
    }

    private static OpenApiSchema Axes(string description, Func<Axis, IOpenApiSchema> entry) => new()
    {
        Type = JsonSchemaType.Object,
        Description = description,
        Properties = AxisCatalog.All.ToDictionary(axis => axis.Name, entry, StringComparer.Ordinal),
        AdditionalPropertiesAllowed = false,
    };

    private static OpenApiSchema Section(string description, Dictionary<string, IOpenApiSchema> properties, string[]? required = null) => new()
    {
        Type = JsonSchemaType.Object,
        Description = description,
        Properties = properties,
        Required = required is null ? null : new HashSet<string>(required),
        AdditionalPropertiesAllowed = false,
    };

    private static OpenApiSchema Metric() =>
        Choice([.. Enum.GetValues<EpochMetric>().Select(EpochMetrics.Name)], $"Default {EpochMetrics.Name(EpochMetric.ValAccuracy)}.");

    private static OpenApiSchema Choice(IEnumerable<string> names, string? description) => new()
    {
        Type = JsonSchemaType.String,
        Enum = [.. names.Select(name => (JsonNode)JsonValue.Create(name))],
        Description = description,
    };

    private static OpenApiSchema Integer(int min, int max, string? description, int? @default = null) => new()
    {
        Type = JsonSchemaType.Integer,
        Format = "int32",
        Minimum = Format(min),
        Maximum = Format(max),
        Default = @default,
        Description = description,
    };

    private static OpenApiSchema Number(double min, double max, bool minExclusive, bool maxExclusive, string description) => new()
    {
        Type = JsonSchemaType.Number,
        Format = "double",
        Minimum = minExclusive ? null : Format(min),
        ExclusiveMinimum = minExclusive ? Format(min) : null,
        Maximum = maxExclusive ? null : Format(max),
        ExclusiveMaximum = maxExclusive ? Format(max) : null,
        Description = description,
    };

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
