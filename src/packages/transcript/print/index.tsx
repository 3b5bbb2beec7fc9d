import { Text, View } from '@tarojs/components';
import { useLoad, useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { creditsText, formatCredits, hoursText, signedCredits } from '../../../utils/credits';
import { openTranscript, routeParam } from '../../../utils/navigation';
import { campusTime } from '../../../utils/time';
import { moduleNameOf } from '../components/SnapshotView';
import TranscriptQr from '../components/TranscriptQr';
import { printPage, sheetZoom } from '../services/print';
import { groupCode } from '../services/share-code';
import { verifyPageUrl, verifyUrl } from '../services/site';
import { useShareStore } from '../stores/share';
import { issuerOf, useSiteStore } from '../stores/site';
import './index.scss';
import PageHeader from '../../../components/PageHeader';

/**
 * 打印版成绩单 (H5): one A4 sheet (210 mm; @page A4) of the shared snapshot — the header, who, credits by module, the
 * total, hours, the requirement, the entries if shared — and at the foot the verification code and the QR of the
 * verify page, so a reader can check the paper against the record. The snapshot is the one this browser received
 * from createTranscriptShare (kept in storage); sizes are in Px and mm so the sheet does not follow the app's rem
 * scaling. The weapp build shows a note instead (index.weapp.tsx).
 */
export default function PrintPage() {
  const shareId = routeParam(useRouter().params.shareId);
  const current = useShareStore((s) => s.current);
  const [zoom, setZoom] = useState(1);
  const site = useSiteStore((s) => s.site);

  useLoad(() => {
    if (shareId && useShareStore.getState().current?.shareId !== shareId) useShareStore.getState().show(shareId);
    void useSiteStore.getState().load();
  });

  // A phone's browser: shrink the sheet to the screen (printing ignores it).
  useEffect(() => {
    const fit = () => setZoom(sheetZoom());
    fit();
    window.addEventListener('resize', fit);
    return () => window.removeEventListener('resize', fit);
  }, []);

  const share = current && current.shareId === shareId ? current : null;
  if (!share) {
    return (
      <View className='print-page print-missing'>
        <PageHeader title='打印版成绩单' />
        <View className='print-missing__card'>
          <Text className='print-missing__title'>没有找到这份成绩单</Text>
          <Text className='print-missing__text'>打印版只能在生成成绩单的设备上打开。请在“我的成绩单”中重新生成可验证成绩单后再打印。</Text>
          <Text className='print-missing__link' onClick={openTranscript}>
            前往我的成绩单 ›
          </Text>
        </View>
      </View>
    );
  }

  const { snapshot, code, issuedAt, verifyPath } = share;
  const issued = campusTime(issuedAt);
  const issuer = issuerOf(snapshot, site);
  return (
    <View className='print-page'>
      <PageHeader title='打印版成绩单' />
      <View className='print-toolbar'>
        <Text className='print-toolbar__hint'>A4 纵向 · 打印时请关闭“页眉和页脚”</Text>
        <Text className='print-toolbar__button print-button' onClick={printPage}>
          打印 / 保存为 PDF
        </Text>
      </View>

      <View className='print-sheet' style={{ zoom }} data-share-id={share.shareId}>
        <View className='print-head'>
          <View className='print-head__titles'>
            <Text className='print-head__school print-school'>{issuer.schoolName}</Text>
            <Text className='print-head__title print-title'>第二课堂成绩单</Text>
            <Text className='print-head__org'>{`${issuer.issuerName} · 青年第二课堂`}</Text>
          </View>
          <View className='print-head__code'>
            <Text className='print-head__code-label'>验证码</Text>
            <Text className='print-head__code-value print-code'>{groupCode(code)}</Text>
          </View>
        </View>

        <View className='print-info'>
          <View className='print-info__cell'>
            <Text className='print-info__label'>姓名</Text>
            <Text className='print-info__value print-name'>{snapshot.name}</Text>
          </View>
          <View className='print-info__cell'>
            <Text className='print-info__label'>学号</Text>
            <Text className='print-info__value print-student-no'>{snapshot.studentNo}</Text>
          </View>
          <View className='print-info__cell'>
            <Text className='print-info__label'>学院</Text>
            <Text className='print-info__value'>{snapshot.college}</Text>
          </View>
          <View className='print-info__cell'>
            <Text className='print-info__label'>班级</Text>
            <Text className='print-info__value'>{snapshot.className}</Text>
          </View>
        </View>

        <Text className='print-section'>一、各模块学分</Text>
        <View className='print-table print-modules'>
          <View className='print-table__row print-table__row--head'>
            <Text className='print-table__cell print-table__cell--no'>序号</Text>
            <Text className='print-table__cell print-table__cell--grow'>模块</Text>
            <Text className='print-table__cell print-table__cell--num'>学分</Text>
          </View>
          {snapshot.modules.map((m, i) => (
            <View key={m.id} className='print-table__row print-module' data-module={m.id}>
              <Text className='print-table__cell print-table__cell--no'>{i + 1}</Text>
              <Text className='print-table__cell print-table__cell--grow'>{m.name}</Text>
              <Text className='print-table__cell print-table__cell--num'>{formatCredits(m.amount)}</Text>
            </View>
          ))}
          <View className='print-table__row print-table__row--total'>
            <Text className='print-table__cell print-table__cell--no' />
            <Text className='print-table__cell print-table__cell--grow'>合计</Text>
            <Text className='print-table__cell print-table__cell--num print-total'>{formatCredits(snapshot.total)}</Text>
          </View>
        </View>

        <View className='print-facts'>
          <View className='print-facts__item'>
            <Text className='print-facts__label'>总学分</Text>
            <Text className='print-facts__value'>{creditsText(snapshot.total)}</Text>
          </View>
          <View className='print-facts__item'>
            <Text className='print-facts__label'>志愿服务时长</Text>
            <Text className='print-facts__value print-hours'>{hoursText(snapshot.hours)}</Text>
          </View>
          <View className='print-facts__item'>
            <Text className='print-facts__label'>毕业要求</Text>
            <Text className={`print-facts__value print-requirement ${snapshot.requirementMet ? 'print-facts__value--met' : ''}`}>
              {snapshot.requirementMet ? '已达到 ✓' : '尚未达到'}
            </Text>
          </View>
        </View>

        {snapshot.timeline ? (
          <View className='print-timeline'>
            <Text className='print-section'>{`二、学分明细（${snapshot.timeline.length} 条）`}</Text>
            <View className='print-table'>
              <View className='print-table__row print-table__row--head'>
                <Text className='print-table__cell print-table__cell--date'>日期</Text>
                <Text className='print-table__cell print-table__cell--grow'>活动 / 事由</Text>
                <Text className='print-table__cell print-table__cell--module'>模块</Text>
                <Text className='print-table__cell print-table__cell--num'>学分</Text>
              </View>
              {snapshot.timeline.map((t, i) => (
                <View key={`${t.at}:${i}`} className='print-table__row print-entry'>
                  <Text className='print-table__cell print-table__cell--date'>{campusTime(t.at).format('YYYY-MM-DD')}</Text>
                  <Text className='print-table__cell print-table__cell--grow'>{`${t.title}${t.hours > 0 ? `（${hoursText(t.hours)}）` : ''}`}</Text>
                  <Text className='print-table__cell print-table__cell--module'>{moduleNameOf(snapshot, t.module)}</Text>
                  <Text className='print-table__cell print-table__cell--num'>{signedCredits(t.amount)}</Text>
                </View>
              ))}
            </View>
          </View>
        ) : null}

        <View className='print-verify'>
          <TranscriptQr url={verifyUrl(code, verifyPath)} className='print-verify__qr print-qr' />
          <View className='print-verify__text'>
            <Text className='print-verify__title'>真伪核验</Text>
            <Text className='print-verify__line print-verify-line'>{`扫码或访问 ${verifyPageUrl(verifyPath)} 输入验证码核验真伪`}</Text>
            <Text className='print-verify__line'>
              验证码 <Text className='print-verify__code'>{groupCode(code)}</Text>
            </Text>
            <Text className='print-verify__line print-issued'>{`签发时间 ${issued.format('YYYY年M月D日 HH:mm')}（北京时间）`}</Text>
            <Text className='print-verify__line print-verify__digest'>{`存证摘要 ${snapshot.ledgerDigest.slice(0, 32)}`}</Text>
            <Text className='print-verify__fine'>本成绩单内容以验证页面显示为准；持有人撤回后验证码失效。</Text>
          </View>
          <View className='print-seal print-issuer'>
            <Text className='print-seal__label'>签发单位</Text>
            <Text className='print-seal__name'>{issuer.issuerName}</Text>
            <Text className='print-seal__sub'>（校团委）</Text>
            <View className='print-seal__stamp'>
              <Text className='print-seal__stamp-text'>盖章处</Text>
            </View>
            <Text className='print-seal__date'>{issued.format('YYYY年M月D日')}</Text>
          </View>
        </View>
      </View>
    </View>
  );
}
