namespace Playbound.Runtime.Serialization;

/// <summary>
/// Carries a grain's exception across a serialization boundary: the caller gets the same exception type and message
/// when that type can be rebuilt from a message, and a <see cref="GrainCallException"/> naming it otherwise.
/// </summary>
internal static class ExceptionCodec
{
    public static ExceptionInfo Encode(Exception exception) =>
        new(exception.GetType().AssemblyQualifiedName ?? exception.GetType().FullName!, exception.Message, exception.StackTrace);

    public static Exception Decode(ExceptionInfo info)
    {
        var type = Type.GetType(info.Type, throwOnError: false);
        if (type is not null && typeof(Exception).IsAssignableFrom(type) && type.GetConstructor([typeof(string)]) is { } constructor)
        {
            try
            {
                return (Exception)constructor.Invoke([info.Message]);
            }
            catch (System.Reflection.TargetInvocationException)
            {
                // The type's constructor rejects a bare message; fall through to the generic wrapper.
            }
        }

        return new GrainCallException(info.Type, info.Message, info.StackTrace);
    }
}

/// <summary>An exception as it travels between processes.</summary>
/// <param name="Type">The assembly-qualified exception type.</param>
/// <param name="Message">The message.</param>
/// <param name="StackTrace">The remote stack trace.</param>
internal sealed record ExceptionInfo(string Type, string Message, string? StackTrace);
