using ValueSegmentation.TestUtilities;

namespace ValueSegmentation.Tests.Conventions;

/// <summary>The source scanner behind "one public top-level type per file".</summary>
public sealed class TopLevelTypeDeclarationsTests
{
    [Fact]
    public void Every_kind_of_public_top_level_type_counts_and_nested_file_and_internal_types_do_not()
    {
        const string Source = """"
            using System;

            namespace Sample;

            /// <summary>public class InDocs { }</summary>
            [Obsolete("public class InString { }")]
            public sealed class Outer<T> where T : class, new()
            {
                public class Nested { }
                private const char Brace = '{';
                private const string Interpolated = $"{Brace} public struct InHole {(true ? "}" : "{")}";
                private const string Verbatim = @"public interface InVerbatim "" {";
                private const string Raw = """
                    public enum InRaw { }
                    """;
                public record Inner(int X);
            }

            public readonly record struct Point(double X, double Y);
            public static class Helpers { }
            public interface IThing<in T> where T : struct { }
            public enum Kind : byte { One }
            public delegate Func<int, T> Factory<T>(int size);
            public readonly ref struct Span { }
            public abstract partial class Partial { }
            internal sealed class Hidden { public class AlsoHidden { } }
            file sealed class Local { }
            sealed class Implicit { }
            #region public class InDirective
            #endregion
            /* public class InComment { } */
            """";

        Assert.Equal(
            ["Outer", "Point", "Helpers", "IThing", "Kind", "Factory", "Span", "Partial"],
            TopLevelTypeDeclarations.Public(Source));
    }

    [Fact]
    public void Block_namespaces_count_as_top_level_and_type_bodies_do_not()
    {
        const string Source = """
            namespace A
            {
                public class First { }

                namespace B
                {
                    public struct Second { public record class NotTop; }
                }
            }

            namespace C { public record Third; }
            """;

        Assert.Equal(["First", "Second", "Third"], TopLevelTypeDeclarations.Public(Source));
    }
}
