namespace Playbound.Runtime.CodeGen.Tests.Samples.Alpha;

// Same simple name and method as Beta.IDuplicate: the generated names must not collide.
internal interface IDuplicate : IGrainWithStringKey
{
    Task<string> Name();
}
