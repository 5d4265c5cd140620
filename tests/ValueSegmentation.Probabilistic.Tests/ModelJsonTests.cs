using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ValueSegmentation.Tests.TestData;

namespace ValueSegmentation.Probabilistic.Tests;

/// <summary>Models saved with <see cref="ModelJson"/> and loaded back: the same parameters, the same fit report and the
/// same predictions, and a clear error for every kind of bad document.</summary>
public sealed class ModelJsonTests
{
    // The sBG paper's regular-customer survivors (Fader & Hardie 2007, "How to project customer retention", Table 1).
    private static readonly double[] Survivors = [1000, 631, 468, 382, 326, 289, 262, 241];

    public static TheoryData<string> TransactionModels => ["bg-nbd", "mbg-nbd", "pareto-nbd"];

    private static RepeatPurchaseModel FitTransactions(string kind) => kind switch
    {
        "bg-nbd" => BgNbdModel.Fit(CdnowData.Rfm),
        "mbg-nbd" => MbgNbdModel.Fit(CdnowData.Rfm),
        _ => ParetoNbdModel.Fit(CdnowData.Rfm),
    };

    [Theory]
    [MemberData(nameof(TransactionModels))]
    public void A_fitted_transaction_model_loads_with_its_fit_report_and_predicts_every_cdnow_customer_alike(string kind)
    {
        var fitted = FitTransactions(kind);

        var loaded = ModelJson.Deserialize<RepeatPurchaseModel>(ModelJson.Serialize(fitted));

        Assert.Equal(fitted.GetType(), loaded.GetType());
        Assert.Equal(fitted.TimeUnit, loaded.TimeUnit);
        AssertSameFit(fitted.FitResult!, loaded.FitResult!);
        foreach (var row in Cdnow.PublishedRfm().Values)
        {
            Assert.Equal(fitted.ProbabilityAlive(row.Frequency, row.Recency, row.Age), loaded.ProbabilityAlive(row.Frequency, row.Recency, row.Age));
            Assert.Equal(fitted.ConditionalExpectedPurchases(39, row.Frequency, row.Recency, row.Age), loaded.ConditionalExpectedPurchases(39, row.Frequency, row.Recency, row.Age));
        }
    }

    [Fact]
    public void Spend_bg_bb_and_sbg_models_load_with_their_fit_reports_and_predict_alike()
    {
        var spend = GammaGammaModel.Fit(CdnowData.Spend);
        var spendLoaded = ModelJson.Deserialize<GammaGammaModel>(ModelJson.Serialize(spend));
        AssertSameFit(spend.FitResult!, spendLoaded.FitResult!);
        Assert.Equal(spend.NonPositiveSpend, spendLoaded.NonPositiveSpend);
        for (int x = 1; x < 20; x++)
        {
            Assert.Equal(spend.ConditionalExpectedSpend(x, 10.0 * x), spendLoaded.ConditionalExpectedSpend(x, 10.0 * x));
        }

        var bgBb = BgBbModel.Fit(DonationsData.Data);
        var bgBbLoaded = ModelJson.Deserialize<BgBbModel>(ModelJson.Serialize(bgBb));
        AssertSameFit(bgBb.FitResult!, bgBbLoaded.FitResult!);
        for (int x = 1; x <= 6; x++)
        {
            Assert.Equal(bgBb.ProbabilityAlive(x, 6, 6), bgBbLoaded.ProbabilityAlive(x, 6, 6));
        }

        var sbg = ShiftedBetaGeometricModel.Fit(Survivors);
        var sbgLoaded = ModelJson.Deserialize<ShiftedBetaGeometricModel>(ModelJson.Serialize(sbg));
        AssertSameFit(sbg.FitResult!, sbgLoaded.FitResult!);
        Assert.Equal(sbg.Project(1000, 12), sbgLoaded.Project(1000, 12));
    }

    [Fact]
    public void Published_parameters_without_a_fit_load_without_one()
    {
        // Fader, Hardie & Lee (2005), the BG/NBD estimates on CDNOW (data/README.md).
        var published = new BgNbdModel(new BgNbdParameters(0.243, 4.414, 0.793, 2.426), TimeUnit.Weeks);
        string json = ModelJson.Serialize(published);

        var loaded = ModelJson.Deserialize<BgNbdModel>(json);

        Assert.Null(loaded.FitResult);
        Assert.Equal(published.Parameters, loaded.Parameters);
        Assert.DoesNotContain("\"fit\"", json, StringComparison.Ordinal);
        Assert.Equal(0.243, (double)JsonNode.Parse(json)!["model"]!["parameters"]!["r"]!);
    }

    [Fact]
    public void A_document_typed_in_by_hand_without_a_hash_is_validated_and_loaded()
    {
        const string Json = """
            {
              "format": "value-segmentation/model",
              "formatVersion": 1,
              "model": { "model": "pareto-nbd", "timeUnit": "Weeks", "parameters": { "r": 0.55, "alpha": 10.58, "s": 0.61, "beta": 11.67 } }
            }
            """;

        var model = ModelJson.Deserialize<ParetoNbdModel>(Json);

        Assert.Equal(new ParetoNbdParameters(0.55, 10.58, 0.61, 11.67), model.Parameters);
    }

    [Property(MaxTest = 100)]
    public Property Any_saved_model_predicts_any_customer_as_before() =>
        Prop.ForAll(
            (from kind in Gen.Choose(0, 2)
             from logs in Gen.ArrayOf(Gen.Choose(-200, 200).Select(v => Math.Pow(10, v / 100.0)), 4)
             from unit in Gen.Elements(TimeUnit.Days, TimeUnit.Weeks, TimeUnit.Months)
             from x in Gen.Choose(0, 30)
             from ages in Gen.Choose(1, 400).Two()
             select (Kind: kind, P: logs, Unit: unit, X: x, Age: Math.Max(ages.Item1, ages.Item2), Recency: Math.Min(ages.Item1, ages.Item2))).ToArbitrary(),
            c =>
            {
                RepeatPurchaseModel model = c.Kind switch
                {
                    0 => new BgNbdModel(new BgNbdParameters(c.P[0], c.P[1], c.P[2], c.P[3]), c.Unit),
                    1 => new MbgNbdModel(new BgNbdParameters(c.P[0], c.P[1], c.P[2], c.P[3]), c.Unit),
                    _ => new ParetoNbdModel(new ParetoNbdParameters(c.P[0], c.P[1], c.P[2], c.P[3]), c.Unit),
                };
                double recency = c.X == 0 ? 0 : c.Recency;
                var loaded = ModelJson.Deserialize<RepeatPurchaseModel>(ModelJson.Serialize(model));
                Assert.Equal(model.ProbabilityAlive(c.X, recency, c.Age), loaded.ProbabilityAlive(c.X, recency, c.Age));
                Assert.Equal(model.ExpectedPurchases(52), loaded.ExpectedPurchases(52));
            });

    [Fact]
    public void Bad_documents_are_errors_that_say_what_and_where()
    {
        string json = ModelJson.Serialize(BgNbdModel.Fit(CdnowData.Rfm));

        var truncated = Assert.Throws<SavedStateException>(() => ModelJson.Deserialize<BgNbdModel>(json[..(json.Length / 2)]));
        Assert.Contains("truncated", truncated.Message, StringComparison.Ordinal);

        var tampered = Assert.Throws<SavedStateException>(() => ModelJson.Deserialize<BgNbdModel>(json.Replace("\"r\": 0.24", "\"r\": 0.25", StringComparison.Ordinal)));
        Assert.Equal("$.contentSha256", tampered.DocumentPath);

        var nan = Assert.Throws<SavedStateException>(() => ModelJson.Deserialize<BgNbdModel>(Edit(json, n => n["model"]!["parameters"]!["alpha"] = "NaN")));
        Assert.Contains("alpha", nan.Message, StringComparison.Ordinal);
        Assert.Contains("NaN", nan.Message, StringComparison.Ordinal);

        var negative = Assert.Throws<SavedStateException>(() => ModelJson.Deserialize<BgNbdModel>(Edit(json, n => n["model"]!["parameters"]!["b"] = -2.4)));
        Assert.Contains("-2.4", negative.Message, StringComparison.Ordinal);

        var newer = Assert.Throws<SavedStateException>(() => ModelJson.Deserialize<BgNbdModel>(Edit(json, n => n["formatVersion"] = 7)));
        Assert.Contains("format version 7", newer.Message, StringComparison.Ordinal);

        var otherType = Assert.Throws<SavedStateException>(() => ModelJson.Deserialize<GammaGammaModel>(json));
        Assert.Contains("is a BgNbdModel (\"bg-nbd\"), not a GammaGammaModel", otherType.Message, StringComparison.Ordinal);

        var missing = Assert.Throws<SavedStateException>(() => ModelJson.Deserialize<BgNbdModel>(Edit(json, n => n["model"]!["parameters"]!.AsObject().Remove("a"))));
        Assert.Contains("\"a\" is missing", missing.Message, StringComparison.Ordinal);

        var extra = Assert.Throws<SavedStateException>(() => ModelJson.Deserialize<BgNbdModel>(Edit(json, n => n["model"]!["parameters"]!["s"] = 1.0)));
        Assert.Contains("not s", extra.Message, StringComparison.Ordinal);

        var unit = Assert.Throws<SavedStateException>(() => ModelJson.Deserialize<BgNbdModel>(Edit(json, n => n["model"]!.AsObject().Remove("timeUnit"))));
        Assert.Equal("$.model.timeUnit", unit.DocumentPath);

        var asymmetric = Assert.Throws<SavedStateException>(() => ModelJson.Deserialize<BgNbdModel>(Edit(json, n => n["model"]!["fit"]!["covariance"]![0]![1] = 123.0)));
        Assert.Contains("symmetric", asymmetric.Message, StringComparison.Ordinal);

        var errors = Assert.Throws<SavedStateException>(() => ModelJson.Deserialize<BgNbdModel>(Edit(json, n => n["model"]!["fit"]!["standardErrors"]![2] = 0.5)));
        Assert.Equal("$.model.fit.standardErrors", errors.DocumentPath);
    }

    internal static void AssertSameFit(ModelFit expected, ModelFit actual)
    {
        Assert.Equal(expected.ParameterNames, actual.ParameterNames);
        Assert.Equal(expected.Parameters, actual.Parameters);
        Assert.Equal(expected.LogLikelihood, actual.LogLikelihood);
        Assert.Equal(expected.Customers, actual.Customers);
        Assert.Equal(expected.Penalty, actual.Penalty);
        Assert.Equal(expected.Convergence, actual.Convergence);
        Assert.Equal(expected.HasCovariance, actual.HasCovariance);
        Assert.Equal(expected.StandardErrors, actual.StandardErrors);
        for (int i = 0; expected.HasCovariance && i < expected.Parameters.Count; i++)
        {
            for (int j = 0; j < expected.Parameters.Count; j++)
            {
                Assert.Equal(expected.Covariance(i, j), actual.Covariance(i, j));
            }
        }
    }

    private static string Edit(string json, Action<JsonNode> edit)
    {
        var node = JsonNode.Parse(json)!;
        node.AsObject().Remove("contentSha256");
        edit(node);
        return node.ToJsonString();
    }
}
