using System.Text.Json;
using Playbound.Runtime.CodeGen.Tests.Samples;
using Playbound.Runtime.Invocation;

namespace Playbound.Runtime.CodeGen.Tests;

/// <summary>The code generated for this project's own sample interfaces, exercised at run time.</summary>
public sealed class GeneratedProxyTests
{
    private static readonly GrainId Id = new("sample", "s1");

    private readonly SampleGrain _grain = new();
    private readonly FakeGrainCallInvoker _invoker;

    public GeneratedProxyTests() => _invoker = new FakeGrainCallInvoker(_grain);

    [Fact]
    public void Registry_finds_a_factory_that_creates_the_proxy_through_the_module_initializer()
    {
        var proxy = GrainProxyRegistry.Find(typeof(ISample));

        Assert.NotNull(proxy);
        Assert.Equal(typeof(ISample), proxy.InterfaceType);
        var created = proxy.Create(Id, _invoker);
        var reference = Assert.IsAssignableFrom<GrainReference>(created);
        Assert.IsAssignableFrom<ISample>(created);
        Assert.Equal(Id, reference.GrainId);
        Assert.Equal("Playbound.Generated.Proxies.Playbound.Runtime.CodeGen.Tests.Samples.ISample+Proxy", created.GetType().FullName);
    }

    [Fact]
    public async Task Calling_the_proxy_hands_the_invoker_a_request_that_calls_the_grain_and_returns_its_result()
    {
        var sample = CreateProxy<ISample>();

        var sum = await sample.Add(2, 3);

        Assert.Equal(5, sum);
        Assert.Equal(["Add(2,3)"], _grain.Calls);
        var (target, request) = Assert.Single(_invoker.Calls);
        Assert.Equal(Id, target);
        Assert.Equal("Add", request.Method.Name);
        Assert.Equal(typeof(ISample), request.Method.InterfaceType);
        Assert.Equal(typeof(int), request.Method.ResultType);
        Assert.Equal(new[] { typeof(int), typeof(int) }, request.Method.ParameterTypes);
    }

    [Fact]
    public async Task Overloads_get_distinct_requests_and_method_ids()
    {
        var sample = CreateProxy<ISample>();

        Assert.Equal(3, await sample.Add(1, 2));
        var twoArguments = _invoker.LastRequest;
        Assert.Equal(6, await sample.Add(1, 2, 3));
        var threeArguments = _invoker.LastRequest;

        Assert.Equal(["Add(1,2)", "Add(1,2,3)"], _grain.Calls);
        Assert.NotEqual(twoArguments.GetType(), threeArguments.GetType());
        Assert.NotEqual(twoArguments.Method.MethodId, threeArguments.Method.MethodId);
        Assert.Equal(typeof(ISample).GetMethod("Add", [typeof(int), typeof(int), typeof(int)]), threeArguments.Method.MethodInfo);
    }

    [Fact]
    public async Task Void_methods_complete_whether_the_grain_finishes_synchronously_or_not_and_have_a_null_untyped_result()
    {
        var sample = CreateProxy<ISample>();

        await sample.Reset();
        await sample.Touch("because");

        Assert.Equal(["Reset()", "Touch(because)"], _grain.Calls);
        var touch = Assert.IsAssignableFrom<GrainRequest<VoidResult>>(_invoker.LastRequest);
        Assert.Equal(typeof(VoidResult), touch.Method.ResultType);
        Assert.Null(await touch.InvokeUntypedAsync(_grain));
    }

    [Fact]
    public async Task Read_only_flag_comes_from_the_ReadOnly_attribute()
    {
        var sample = CreateProxy<ISample>();

        await sample.GetLast();
        var readOnly = _invoker.LastRequest;
        await sample.Reset();
        var notReadOnly = _invoker.LastRequest;

        Assert.True(readOnly.Method.IsReadOnly);
        Assert.False(notReadOnly.Method.IsReadOnly);
    }

    [Fact]
    public async Task Inherited_interface_methods_are_proxied_and_described_by_their_declaring_interface()
    {
        var sample = CreateProxy<ISample>();

        var echoed = await sample.Echo("hi");

        Assert.Equal("hi", echoed);
        Assert.Equal(["Echo(hi)"], _grain.Calls);
        var method = _invoker.LastRequest.Method;
        Assert.Equal(typeof(ISampleBase), method.InterfaceType);
        Assert.True(method.IsReadOnly);
        Assert.Equal(typeof(ISampleBase).GetMethod(nameof(ISampleBase.Echo)), method.MethodInfo);
    }

    [Fact]
    public void Method_ids_follow_declaration_order_own_methods_first_then_inherited()
    {
        var ids = new Dictionary<string, int>();
        foreach (var requestType in RequestTypesOf(typeof(ISample)))
        {
            var descriptor = (GrainMethodDescriptor)requestType.GetField("Descriptor")!.GetValue(null)!;
            ids[$"{descriptor.Name}/{descriptor.ParameterTypes.Count}"] = descriptor.MethodId;
        }

        Assert.Equal(
            new Dictionary<string, int>
            {
                ["Add/2"] = 0, ["Add/3"] = 1, ["Move/3"] = 2, ["GetLast/0"] = 3, ["Reset/0"] = 4, ["Touch/1"] = 5, ["Echo/1"] = 6,
            },
            ids);
    }

    [Fact]
    public async Task GetArguments_returns_the_boxed_arguments_in_order()
    {
        var sample = CreateProxy<ISample>();

        await sample.Move(new Point(1, 2), 3, null);
        var move = _invoker.LastRequest;
        await sample.GetLast();
        var getLast = _invoker.LastRequest;

        Assert.Equal(new object?[] { new Point(1, 2), 3, null }, move.GetArguments());
        Assert.Empty(getLast.GetArguments());
    }

    [Fact]
    public async Task Request_round_trips_through_json_and_still_invokes_the_grain()
    {
        var sample = CreateProxy<ISample>();
        await sample.Move(new Point(1, 2), 3, "north");
        var request = _invoker.LastRequest;
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);

        var json = JsonSerializer.Serialize(request, request.GetType(), options);
        var requestType = GrainProxyRegistry.FindRequestType(GrainProxyRegistry.RequestTypeName(request.GetType()));
        Assert.NotNull(requestType);
        var copy = Assert.IsAssignableFrom<GrainRequest<Point>>(JsonSerializer.Deserialize(json, requestType, options));

        Assert.Equal("""{"arg0":{"x":1,"y":2},"arg1":3,"arg2":"north"}""", json);
        Assert.Equal(request.GetArguments(), copy.GetArguments());
        Assert.Same(request.Method, copy.Method);
        Assert.Equal(new Point(4, 2), await copy.InvokeAsync(_grain));
        Assert.Equal("Move(Point { X = 1, Y = 2 },3,north)", _grain.Calls[^1]);
    }

    [Fact]
    public async Task Interfaces_with_the_same_simple_name_in_different_namespaces_get_separate_proxies_and_requests()
    {
        var alpha = CreateProxy<Samples.Alpha.IDuplicate>();
        var beta = CreateProxy<Samples.Beta.IDuplicate>();

        Assert.Equal("alpha", await alpha.Name());
        var alphaRequest = _invoker.LastRequest.GetType();
        Assert.Equal("beta", await beta.Name());
        var betaRequest = _invoker.LastRequest.GetType();

        Assert.NotEqual(alpha.GetType(), beta.GetType());
        Assert.NotEqual(GrainProxyRegistry.RequestTypeName(alphaRequest), GrainProxyRegistry.RequestTypeName(betaRequest));
        Assert.Equal(alphaRequest, GrainProxyRegistry.FindRequestType(GrainProxyRegistry.RequestTypeName(alphaRequest)));
        Assert.Equal(betaRequest, GrainProxyRegistry.FindRequestType(GrainProxyRegistry.RequestTypeName(betaRequest)));
    }

    [Fact]
    public async Task Nested_interfaces_get_a_proxy()
    {
        var nested = CreateProxy<SampleHost.INested>();

        Assert.Equal(42, await nested.Get());
        Assert.Equal(
            "Playbound.Generated.Proxies.Playbound.Runtime.CodeGen.Tests.Samples.SampleHost+INested+Get_0",
            _invoker.LastRequest.GetType().FullName);
    }

    private T CreateProxy<T>()
        where T : IGrain
    {
        var proxy = GrainProxyRegistry.Find(typeof(T)) ?? throw new InvalidOperationException($"No proxy for {typeof(T)}.");
        return (T)proxy.Create(Id, _invoker);
    }

    // The request types are nested in the proxy's container class, beside the proxy.
    private static IEnumerable<Type> RequestTypesOf(Type grainInterface)
    {
        var proxyType = GrainProxyRegistry.Find(grainInterface)!.Create(Id, new FakeGrainCallInvoker(new object())).GetType();
        return proxyType.DeclaringType!.GetNestedTypes().Where(type => type.IsSubclassOf(typeof(GrainRequest)));
    }
}
