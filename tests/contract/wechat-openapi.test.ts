import http from 'node:http';
import https from 'node:https';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ContentCheckError } from '../../server/features/content/checker';
import { MSG_SEC_CHECK_MAX, wechatContentChecker, type SecurityApi } from '../../server/features/content/wechat-checker';
import { MiniCodeError } from '../../server/features/sharing/mini-codes';
import { wxacodeMaker, type WxacodeApi } from '../../server/features/sharing/wxacode-maker';
import { realCloud } from '../support/cloudbase-backend';
import { OpenApiBackend, useOpenApiBackend } from '../support/cloudbase-openapi';
import { readQrFromPng } from '../support/png-qr';

/**
 * The api function's uses of WeChat's open API — posters' 小程序码 (wxacode.getUnlimited) and content checks
 * (security.msgSecCheck, security.mediaCheckAsync) — on the REAL wx-server-sdk 4.0.2 `cloud.openapi`, whose request
 * reaches the in-process open API backend (tests/support/cloudbase-openapi): the SDK's own argument conversion,
 * protobuf packing and answer parsing run; only the network hop is ours. The backend grants exactly what
 * cloudfunctions/api/config.json grants, so a permission dropped from the config fails here as it would deployed.
 */
const API_CONFIG = JSON.parse(readFileSync(path.resolve(__dirname, '../../cloudfunctions/api/config.json'), 'utf8')) as {
  permissions: { openapi: string[] };
};

describe('WeChat open API through the real wx-server-sdk (in-process backend)', () => {
  const cloud = realCloud() as unknown as { openapi: WxacodeApi & SecurityApi };
  let backend: OpenApiBackend;
  const spies: jest.SpyInstance[] = [];
  const logged: string[] = [];

  beforeEach(() => {
    backend = new OpenApiBackend({
      permissions: API_CONFIG.permissions.openapi,
      publishedPages: ['pages/event/index'],
      riskyWords: ['违禁词'],
      staleOpenids: ['openid-teacher-on-computer'],
    });
    useOpenApiBackend(backend);
    logged.length = 0;
    spies.push(jest.spyOn(http, 'request'), jest.spyOn(https, 'request'));
  });

  afterEach(() => {
    // Nothing reached a network: every request was answered in process.
    for (const spy of spies.splice(0)) {
      expect(spy).not.toHaveBeenCalled();
      spy.mockRestore();
    }
  });

  describe('posters: wxacode.getUnlimited', () => {
    it('asks for the event page with the scene, path checked, the released version, 430 px; answers the PNG the scene opens', async () => {
      const made = await wxacodeMaker(cloud.openapi).make('e=e-abcdefghij');
      expect(backend.callsOf('wxacode.getUnlimited')).toEqual([
        { api: 'wxacode.getUnlimited', data: { scene: 'e=e-abcdefghij', page: 'pages/event/index', check_path: true, env_version: 'release', width: 430 } },
      ]);
      expect(made.target).toBe('pages/event/index?scene=e%3De-abcdefghij');
      expect(Buffer.from(made.bytes.slice(0, 8))).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect(readQrFromPng(made.bytes)).toBe('wxacode:pages/event/index?scene=e=e-abcdefghij');
    });

    it('before the first release (trial), leaves the page unchecked: it is not published yet', async () => {
      const backendNoPages = new OpenApiBackend({ permissions: API_CONFIG.permissions.openapi, publishedPages: [] });
      useOpenApiBackend(backendNoPages);
      await wxacodeMaker(cloud.openapi, 'trial').make('e=e-1');
      expect(backendNoPages.callsOf('wxacode.getUnlimited')[0].data).toMatchObject({ check_path: false, env_version: 'trial' });
      await expect(wxacodeMaker(cloud.openapi, 'release').make('e=e-1')).rejects.toThrow(/errcode 41030/);
    });

    it('a refusal from WeChat (quota) is a MiniCodeError naming the errcode, not an image', async () => {
      backend.failNext('wxacode.getUnlimited', 45009, 'reach max api daily quota limit');
      const failure = wxacodeMaker(cloud.openapi).make('e=e-1');
      await expect(failure).rejects.toBeInstanceOf(MiniCodeError);
      await expect(failure).rejects.toThrow(/errcode 45009/);
    });

    it('without the permission in config.json the platform refuses (-604101)', async () => {
      useOpenApiBackend(new OpenApiBackend({ permissions: ['subscribeMessage.send'], publishedPages: ['pages/event/index'] }));
      await expect(wxacodeMaker(cloud.openapi).make('e=e-1')).rejects.toThrow(/errcode -604101/);
    });
  });

  describe('content checks: security.msgSecCheck and mediaCheckAsync', () => {
    const checker = () => wechatContentChecker(cloud.openapi, (line) => logged.push(line));

    it('passes ordinary text, sending version 2, the scene number and the writer', async () => {
      expect(await checker().checkText({ text: '我参加了讲座，但没有记入学分', openid: 'openid-1', scene: 'comment' })).toEqual({ ok: true, checked: true });
      expect(backend.callsOf('security.msgSecCheck')[0].data).toEqual({ content: '我参加了讲座，但没有记入学分', version: 2, scene: 2, openid: 'openid-1' });
    });

    it('refuses risky text with WeChat\'s label', async () => {
      expect(await checker().checkText({ text: '这里有违禁词', openid: 'openid-1', scene: 'forum' })).toEqual({ ok: false, label: 20001 });
    });

    it('checks a long text in parts of 2,500 characters; one risky part refuses the whole', async () => {
      const text = `${'青'.repeat(MSG_SEC_CHECK_MAX)}${'年'.repeat(100)}违禁词`;
      expect(await checker().checkText({ text, openid: 'openid-1', scene: 'forum' })).toEqual({ ok: false, label: 20001 });
      expect(backend.callsOf('security.msgSecCheck').map((c) => String(c.data.content).length)).toEqual([MSG_SEC_CHECK_MAX, 103]);
    });

    it('lets a writer WeChat cannot judge (not in the mini program for two hours) through unchecked, and logs it', async () => {
      expect(await checker().checkText({ text: '活动介绍', openid: 'openid-teacher-on-computer', scene: 'forum' })).toEqual({ ok: true, checked: false });
      expect(logged.join('\n')).toMatch(/61010/);
    });

    it('any other failure is a ContentCheckError (nothing is written)', async () => {
      backend.failNext('security.msgSecCheck', -1, 'system error');
      await expect(checker().checkText({ text: '活动介绍', openid: 'openid-1', scene: 'forum' })).rejects.toBeInstanceOf(ContentCheckError);
    });

    it('submits an image by its URL for the asynchronous check and answers the trace id', async () => {
      const { traceId } = await checker().submitImage({ url: 'https://example.invalid/cover.png', openid: 'openid-1', scene: 'forum' });
      expect(traceId).toMatch(/^[0-9a-f]{24}$/);
      expect(backend.callsOf('security.mediaCheckAsync')[0].data).toEqual({ media_url: 'https://example.invalid/cover.png', media_type: 2, version: 2, scene: 3, openid: 'openid-1' });
    });
  });
});
