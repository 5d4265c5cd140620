using System.Text.Json;

namespace ValueSegmentation.Probabilistic.Tests;

/// <summary>Issue 12 (its first finding): with plain System.Text.Json the parameter values and transactions deserialised
/// without an error into zeros. They now go through their constructors: a saved value loads back equal, and a document
/// without a value, or with one out of the models' domain, is an error instead of a silent zero.</summary>
public class PlainJsonTests
{
    public static TheoryData<object> Values() => new()
    {
        new BgNbdParameters(0.2425929282798221, 4.413532265271821, 0.7928859664406086, 2.4257523826255496),
        new ParetoNbdParameters(0.5533, 10.58, 0.6061, 11.67),
        new BgBbParameters(1.204, 0.750, 0.657, 2.783),
        new GammaGammaParameters(6.25, 3.74, 15.44),
        new ShiftedBetaGeometricParameters(0.668, 3.806),
        new Transaction("c-42", new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(2)), 12.5, 4.25),
        new Transaction("c-43", new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero), -3),
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void A_saved_value_loads_back_equal(object value)
    {
        string json = JsonSerializer.Serialize(value, value.GetType());
        Assert.Equal(value, JsonSerializer.Deserialize(json, value.GetType()));
    }

    [Theory]
    [InlineData(typeof(BgNbdParameters))]
    [InlineData(typeof(ParetoNbdParameters))]
    [InlineData(typeof(BgBbParameters))]
    [InlineData(typeof(GammaGammaParameters))]
    [InlineData(typeof(ShiftedBetaGeometricParameters))]
    public void Parameters_missing_from_the_document_are_an_error_not_zero(Type type) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => JsonSerializer.Deserialize("{}", type));

    [Fact]
    public void Parameters_out_of_the_domain_or_not_numbers_are_errors()
    {
        Assert.Equal("alpha", Assert.Throws<ArgumentOutOfRangeException>(() => JsonSerializer.Deserialize<BgNbdParameters>("""{"R":0.24,"Alpha":-1,"A":0.79,"B":2.4}""")).ParamName);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<BgNbdParameters>("""{"R":"NaN","Alpha":4.4,"A":0.79,"B":2.4}"""));
    }

    [Fact]
    public void A_transaction_without_a_customer_is_an_error_not_an_empty_one() =>
        Assert.Throws<ArgumentNullException>(() => JsonSerializer.Deserialize<Transaction>("""{"Timestamp":"2024-05-06T07:08:09+00:00","Amount":3}"""));
}
