using ValueSegmentation.TestUtilities;

namespace ValueSegmentation.Tests.Conventions;

/// <summary>The public API checks themselves, on fixture types nested here that keep or break each rule: a rule that
/// reports nothing must be a rule that would have reported something.</summary>
public sealed class PublicApiConventionsTests
{
    private static readonly XmlDocumentation Documentation = XmlDocumentation.Load(typeof(PublicApiConventionsTests).Assembly);

    [Fact]
    public void Open_classes_are_reported_and_sealed_abstract_and_static_ones_are_not()
    {
        var offenders = Check(typeof(Immutable), typeof(Open), typeof(AbstractBase), typeof(StaticHelpers)).OpenClasses();

        var offender = Assert.Single(offenders);
        Assert.StartsWith(Name<Open>() + ":", offender, StringComparison.Ordinal);
    }

    [Fact]
    public void Setters_and_writable_fields_are_reported_but_init_accessors_and_readonly_record_structs_are_not()
    {
        var offenders = Check(typeof(Immutable), typeof(Mutable), typeof(Point), typeof(MutablePoint)).PublicSetters([]);

        Assert.Equal(
            [
                $"{Name<Mutable>()}.Name {{ set; }}",
                $"{Name<Mutable>()}.Count (a writable public field)",
                $"{Name<MutablePoint>()}.X {{ set; }}",
                $"{Name<MutablePoint>()}.Y {{ set; }}",
            ],
            offenders.Select(o => o[..o.IndexOf(": ", StringComparison.Ordinal)]));
    }

    [Fact]
    public void The_allow_list_admits_setters_and_must_stay_true()
    {
        Assert.Empty(Check(typeof(Mutable)).PublicSetters([typeof(Mutable)]));

        var stale = Assert.Single(Check(typeof(Immutable)).PublicSetters([typeof(Immutable)]));
        Assert.Contains("has none", stale, StringComparison.Ordinal);
        var foreign = Assert.Single(Check(typeof(Immutable)).PublicSetters([typeof(Mutable)]));
        Assert.Contains("not a public type", foreign, StringComparison.Ordinal);
    }

    [Fact]
    public void Types_whose_docs_are_silent_on_thread_safety_are_reported()
    {
        var offenders = Check(typeof(Immutable), typeof(Open), typeof(Mutable), typeof(Point), typeof(MutablePoint), typeof(Kind))
            .TypesSilentOnThreadSafety(Documentation);

        Assert.Equal([Name<Mutable>(), Name<Open>()], offenders.Select(o => o[..o.IndexOf(':', StringComparison.Ordinal)]));
        Assert.Contains("no XML doc comment", offenders[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Undocumented_types_and_members_are_reported_but_compiler_generated_members_are_not()
    {
        var offenders = Check(typeof(Immutable), typeof(Mutable), typeof(Point), typeof(Kind), typeof(Generic<>))
            .UndocumentedApi(Documentation);

        Assert.Equal(
            [
                $"{Name<Mutable>()}: no XML doc comment (id T:ValueSegmentation.Tests.Conventions.PublicApiConventionsTests.Mutable)",
                $"{Name<Mutable>()}.Name: no XML doc comment (id P:ValueSegmentation.Tests.Conventions.PublicApiConventionsTests.Mutable.Name)",
                $"{Name<Mutable>()}.Count: no XML doc comment (id F:ValueSegmentation.Tests.Conventions.PublicApiConventionsTests.Mutable.Count)",
            ],
            offenders);
    }

    [Fact]
    public void Exceptions_outside_the_library_family_or_not_sealed_are_reported()
    {
        var offenders = Check(typeof(FamilyException), typeof(StrayException), typeof(OpenFamilyException)).ExceptionsOutsideTheFamily();

        Assert.Equal(2, offenders.Count);
        Assert.StartsWith(Name<OpenFamilyException>() + ": an exception type must be sealed", offenders[0], StringComparison.Ordinal);
        Assert.StartsWith(Name<StrayException>() + ": derives from System.InvalidOperationException", offenders[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_report_names_the_rule_the_subject_and_every_offender()
    {
        var report = PublicApiConventions.Report("Rule", "Assembly", ["first", "second"]);

        Assert.Equal("Rule — 2 offenders in Assembly:\n  - first\n  - second", report.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Generic_types_are_described_as_csharp_spells_them() =>
        Assert.Equal("ValueSegmentation.Tests.Conventions.PublicApiConventionsTests.Generic<T>", PublicApiConventions.Describe(typeof(Generic<>)));

    private static PublicApiConventions Check(params Type[] types) => new(typeof(PublicApiConventionsTests).Assembly, types);

    private static string Name<T>() => PublicApiConventions.Describe(typeof(T));

    /// <summary>Immutable and thread-safe.</summary>
    public sealed class Immutable
    {
        /// <summary>A value.</summary>
        public int Value { get; init; }
    }

    /// <summary>Open for no reason.</summary>
    public class Open
    {
        /// <summary>Says nothing about threads.</summary>
        public override string ToString() => "open";
    }

    /// <summary>A base; thread-safe.</summary>
    public abstract class AbstractBase
    {
        /// <summary>For derived types.</summary>
        protected AbstractBase(int value) => Value = value;

        /// <summary>A value.</summary>
        protected int Value { get; }
    }

    /// <summary>Stateless and thread-safe.</summary>
    public static class StaticHelpers
    {
        /// <summary>Nothing.</summary>
        public static void Nothing()
        {
        }
    }

#pragma warning disable CA1051 // The fixture breaks the rule on purpose.
    public sealed class Mutable
    {
        public int Count;

        public string Name { get; set; } = "";
    }
#pragma warning restore CA1051

    /// <summary>A point; immutable.</summary>
    /// <param name="X">The abscissa.</param>
    /// <param name="Y">The ordinate.</param>
    public readonly record struct Point(double X, double Y);

    /// <summary>A mutable point; not thread-safe.</summary>
    /// <param name="X">The abscissa.</param>
    /// <param name="Y">The ordinate.</param>
    public record struct MutablePoint(double X, double Y);

    /// <summary>Enums need no thread-safety remark.</summary>
    public enum Kind
    {
        /// <summary>One.</summary>
        One,
    }

    /// <summary>A generic type; immutable.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    public sealed class Generic<T>
    {
        /// <summary>Creates it.</summary>
        /// <param name="items">The items.</param>
        public Generic(IReadOnlyList<T> items) => Items = items;

        /// <summary>The items.</summary>
        public IReadOnlyList<T> Items { get; }

        /// <summary>An indexer.</summary>
        /// <param name="index">The index.</param>
        public T this[int index] => Items[index];

        /// <summary>A generic method with by-ref and array parameters.</summary>
        /// <typeparam name="TOther">Another type.</typeparam>
        /// <param name="other">A value.</param>
        /// <param name="all">Values.</param>
        /// <param name="pairs">Pairs.</param>
        /// <returns>Nothing useful.</returns>
        public TOther Pick<TOther>(ref TOther other, T[] all, IReadOnlyDictionary<T, List<TOther>> pairs) => other;

        /// <summary>A conversion.</summary>
        /// <param name="generic">The value.</param>
        public static explicit operator int(Generic<T> generic) => generic?.Items.Count ?? 0;

        /// <summary>The count as a named alternative to the conversion.</summary>
        /// <returns>The count.</returns>
        public int ToInt32() => Items.Count;
    }

    /// <summary>In the family; immutable.</summary>
    public sealed class FamilyException() : ValueSegmentationException("family", null, null);

    /// <summary>Not in the family; immutable.</summary>
    public sealed class StrayException : InvalidOperationException;

    /// <summary>In the family but open; immutable.</summary>
    public class OpenFamilyException() : ValueSegmentationException("open", null, null);
}
