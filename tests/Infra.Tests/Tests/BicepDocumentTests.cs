using SagaFunctions.Infra.Tests.Bicep;

namespace SagaFunctions.Infra.Tests.Tests;

public class BicepDocumentTests
{
    [Fact]
    public void Scan_CommentMarkersInsideStrings_AreKept()
    {
        var (code, _) = BicepLexer.Scan("var url = 'https://example.org/*x*/' // trailing comment\n/* block */var y = 1");

        Assert.Contains("'https://example.org/*x*/'", code, StringComparison.Ordinal);
        Assert.DoesNotContain("trailing comment", code, StringComparison.Ordinal);
        Assert.DoesNotContain("block", code, StringComparison.Ordinal);
        Assert.Contains("var y = 1", code, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_BracesInStringsAndInterpolations_DoNotUnbalanceObjects()
    {
        var document = Snippet.Doc("""
            var settings = {
              a: '}{ not structure'
              b: 'x-${union({ k: 'v' }, {}).k}-y'
              c: 'it\'s { fine'
            }
            var after = 'ok'
            """);

        var keys = document.Var("settings")!.Properties().Select(p => p.Key).ToList();

        Assert.Equal(["a", "b", "c"], keys);
        Assert.Equal("ok", document.Var("after")!.StringLiteral);
    }

    [Fact]
    public void Properties_MultiLineTernary_IsOneProperty()
    {
        var document = Snippet.Doc("""
            var o = {
              name: !empty(x)
                ? x
                : 'default'
              next: 'n'
            }
            """);

        var properties = document.Var("o")!.Properties();

        Assert.Equal(["name", "next"], properties.Select(p => p.Key));
        Assert.Contains(": 'default'", properties[0].Value.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Properties_CommentedOutProperty_IsIgnored()
    {
        var document = Snippet.Doc("""
            var o = {
              // hidden: true
              shown: true
            }
            """);

        Assert.Equal(["shown"], document.Var("o")!.Properties().Select(p => p.Key));
    }

    [Fact]
    public void Parameters_DefaultsAndNullableTypes_AreOptional()
    {
        var document = Snippet.Doc("""
            @description('x = y is not a default')
            param required string
            param withDefault string = 'a'
            param nullable string?
            param computed string = deployer().objectId
            """);

        Assert.Equal(["required"], document.Parameters.Where(p => p.IsRequired).Select(p => p.Name));
        Assert.Equal("deployer().objectId", document.Parameter("computed")!.DefaultExpression);
        Assert.Equal(4, document.Parameters.Count);
    }

    [Fact]
    public void Outputs_SecureDecorator_IsDetected()
    {
        var document = Snippet.Doc("""
            @secure()
            output hidden string = 'x'

            output plain string = 'y'
            """);

        Assert.True(document.Outputs.Single(o => o.Name == "hidden").IsSecure);
        Assert.False(document.Outputs.Single(o => o.Name == "plain").IsSecure);
    }

    [Fact]
    public void ResolveString_IdentifierOfParamOrVar_FollowsToLiteral()
    {
        var document = Snippet.Doc("""
            param table string = 'SagaDeadLetters'
            var runtime = 'dotnet-isolated'
            param computed string = toLower('X')
            """);

        Assert.Equal("SagaDeadLetters", document.ResolveString("table"));
        Assert.Equal("dotnet-isolated", document.ResolveString("runtime"));
        Assert.Null(document.ResolveString("computed"));
        Assert.Null(document.ResolveString("'a-${table}'"));
        Assert.Equal("it's", document.ResolveString("'it\\'s'"));
    }

    [Fact]
    public void Modules_ConditionalAndLoopBodies_AreFound()
    {
        var document = Snippet.Doc("""
            module a './a.bicep' = if (enabled) {
              name: 'a'
              params: {
                x: 1
              }
            }
            resource r 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
              for id in ids: {
                name: id
                properties: {
                  principalId: id
                }
              }
            ]
            resource e 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
              name: 's'
            }
            """);

        Assert.Equal("1", document.Modules.Single().Settings!.Property("x")!.Text);
        Assert.Equal("id", document.Resources[0].Settings!.Property("principalId")!.Text);
        Assert.True(document.Resources[1].IsExisting);
    }

    [Fact]
    public void CallOf_Union_SplitsTopLevelArguments()
    {
        var document = Snippet.Doc("var all = union(a, { k: 'x,y' }, b)");

        var call = document.CallOf(document.Var("all")!);

        Assert.NotNull(call);
        Assert.Equal("union", call.Value.Function);
        Assert.Equal(["a", "{ k: 'x,y' }", "b"], call.Value.Arguments.Select(a => a.Text));
    }

    [Fact]
    public void Constructor_UnclosedBrace_ThrowsFormatExceptionNamingTheFile()
    {
        var error = Assert.Throws<FormatException>(() => Snippet.Doc("module m './m.bicep' = {\n  name: 'm'\n"));

        Assert.Contains(Snippet.MainPath, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AzdServiceNames_TagFromParamDefault_IsResolved()
    {
        var document = Snippet.Doc("""
            param serviceName string = 'api'
            var t = union(tags, { 'azd-service-name': serviceName })
            var s = '''not a tag: 'azd-service-name': other'''
            """);

        Assert.Equal(["api"], document.AzdServiceNames());
    }
}
