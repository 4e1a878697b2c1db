namespace Playbound.Runtime.CodeGen.Tests.Samples.Beta;

// Same simple name and method as Alpha.IDuplicate: the generated names must not collide.
internal interface IDuplicate : IGrainWithStringKey
{
    Task<string> Name();
}
