import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { PrimatomicClient } from "../dist/index.js";
import { needs, newTenant, serviceUrl, unique } from "./helpers.mjs";

describe("auth against the service", needs("PRIMATOMIC_URL"), () => {
  it("registers, signs in, manages keys and users", async () => {
    const { email, password, registered, owner, key } = await newTenant();
    assert.equal(registered.success, true);
    const token = await owner.auth.login(email, password);
    assert.equal(token.token_type, "Bearer");
    assert.ok(token.expires_in > 0);
    assert.ok((await owner.auth.token(key.api_key)).access_token.length > 0);
    assert.ok((await owner.auth.jwks()).keys.some((k) => k.alg === "RS256"));
    assert.match(await owner.views.wit(), /package primatomic:machine/);

    assert.equal((await owner.keys.get(key.key_id)).name, key.name);
    assert.ok((await owner.keys.list()).keys.some((k) => k.key_id === key.key_id));
    const member = await owner.users.create(`${unique("member")}@example.com`, "member-password-1");
    assert.equal(member.role, "member");
    assert.ok((await owner.users.list()).users.some((u) => u.user_id === member.user_id));

    await owner.keys.revoke(key.key_id);
    const revoked = new PrimatomicClient({ baseUrl: serviceUrl, apiKey: key.api_key });
    await assert.rejects(revoked.logs.list(), { code: "UNAUTHENTICATED", status: 401 });
  });

  it("a token the caller manages is sent as is; a client without credentials says so", async () => {
    const { email, password } = await newTenant();
    const anonymous = new PrimatomicClient({ baseUrl: serviceUrl });
    const { access_token } = await anonymous.auth.login(email, password);
    const withToken = new PrimatomicClient({ baseUrl: serviceUrl, token: access_token });
    assert.ok(Array.isArray((await withToken.logs.list()).logs));
    await assert.rejects(anonymous.logs.list(), /needs credentials/);
    await assert.rejects(anonymous.auth.login(email, "wrong-password-x"), { code: "UNAUTHENTICATED" });
  });
});
