namespace ValueSegmentation.Shared;

/// <summary>Exception messages reused inside other messages (linked into each assembly).</summary>
internal static class ExceptionText
{
    /// <summary>An exception's message on one line, without the "(Parameter '...')" that an argument exception adds:
    /// the message it goes into says where instead.</summary>
    public static string WithoutParameter(Exception exception)
    {
        string message = exception.Message;
        if (exception is ArgumentException { ParamName: { } name })
        {
            message = message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal);
        }

        return message.ReplaceLineEndings(" ");
    }
}
