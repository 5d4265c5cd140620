using System.Text;
using ValueSegmentation.Probabilistic.Persistence;

namespace ValueSegmentation.Probabilistic;

/// <summary>
/// Saves a model — its parameters, its time unit and, when it was fitted, the fit report (log-likelihood, standard
/// errors, covariance, convergence) — as a versioned JSON document, and loads it back with the same predictions. The
/// format ("value-segmentation/model", version 1) is described in docs/services.md.
/// </summary>
/// <remarks>
/// <para>Loading checks everything: the format and its version (a newer version is refused), every property present and
/// none unknown, parameters in the models' domain, no NaN, a symmetric covariance whose diagonal gives the standard
/// errors, and the content hash written with the document (a changed value is refused; remove <c>contentSha256</c> from
/// a document you edit on purpose, for example to type in published parameters). The hash detects accidental changes,
/// not deliberate ones: it is not a signature.</para>
/// <para>Stateless and thread-safe. Serialisation is source-generated: no reflection, safe for trimming and Native AOT.</para>
/// </remarks>
/// <example>
/// <code>
/// string json = ModelJson.Serialize(BgNbdModel.Fit(data));
/// BgNbdModel model = ModelJson.Deserialize&lt;BgNbdModel&gt;(json);
/// </code>
/// </example>
public static class ModelJson
{
    /// <summary>A transaction model (BG/NBD, MBG/NBD, Pareto/NBD) as a JSON document.</summary>
    /// <param name="model">The model.</param>
    /// <returns>The document, indented.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    public static string Serialize(RepeatPurchaseModel model) => Write(model);

    /// <summary>A Gamma-Gamma spend model as a JSON document.</summary>
    /// <param name="model">The model.</param>
    /// <returns>The document, indented.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    public static string Serialize(GammaGammaModel model) => Write(model);

    /// <summary>A BG/BB model as a JSON document.</summary>
    /// <param name="model">The model.</param>
    /// <returns>The document, indented.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    public static string Serialize(BgBbModel model) => Write(model);

    /// <summary>A shifted-beta-geometric model as a JSON document.</summary>
    /// <param name="model">The model.</param>
    /// <returns>The document, indented.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    public static string Serialize(ShiftedBetaGeometricModel model) => Write(model);

    /// <summary>Loads a model from a JSON document.</summary>
    /// <typeparam name="TModel">The model type expected: <see cref="BgNbdModel"/>, <see cref="MbgNbdModel"/>,
    /// <see cref="ParetoNbdModel"/>, <see cref="RepeatPurchaseModel"/> (any of the three), <see cref="GammaGammaModel"/>,
    /// <see cref="BgBbModel"/> or <see cref="ShiftedBetaGeometricModel"/>.</typeparam>
    /// <param name="json">The document.</param>
    /// <returns>The model, with its fit report when it was fitted.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="SavedStateException">The document cannot be loaded, or holds another kind of model: the message
    /// says why and where.</exception>
    public static TModel Deserialize<TModel>(string json)
        where TModel : class
    {
        ArgumentNullException.ThrowIfNull(json);
        var document = SavedDocuments.Deserialize(Encoding.UTF8.GetBytes(json), ModelDocument.FormatName, "model", ProbabilisticJsonContext.Default.SavedDocumentHeader, ProbabilisticJsonContext.Default.ModelDocument);
        var model = ModelStates.FromState(document.Model, "$.model");
        return model as TModel ?? throw new SavedStateException($"The saved model is a {model.GetType().Name} (\"{document.Model.Model}\"), not a {typeof(TModel).Name}.", "$.model.model");
    }

    private static string Write(object model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var document = new ModelDocument { Format = ModelDocument.FormatName, FormatVersion = SavedDocuments.CurrentVersion, Model = ModelStates.ToState(model) };
        return SavedDocuments.Serialize(document, ProbabilisticJsonContext.Default.ModelDocument);
    }
}
