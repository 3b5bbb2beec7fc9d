import { Button } from '@nutui/nutui-react-taro';
import { Text, Textarea, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import ConfirmDialog from '../../../components/ConfirmDialog';
import ErrorState from '../../../components/ErrorState';
import PageHeader from '../../../components/PageHeader';
import { usePageToast } from '../../../components/PageToast';
import PageHero from '../../../shared/components/PageHero';
import { useUserStore } from '../../../stores/user';
import { openMe, openPrivacyPolicy } from '../../../utils/navigation';
import { formatDateTime } from '../../../utils/time';
import { useMyDataStore } from '../stores/my-data';
import './index.scss';

const NOTE_MAX = 200;

/** What is kept and what may go, as the privacy policy says (the export's first sheet says the same). */
const KEPT = [
  ['学号、姓名、学院、班级', '学校名单，由校团委导入；毕业后按学校档案规定保存'],
  ['报名、签到、学分账目、申诉', '第二课堂成绩单的依据，用人单位可据此核验；毕业后保存 5 年'],
  ['已开奖的抽签申请', '权重、抽签顺位与公示化名在公示名单中，供所有人核验抽签；随报名记录保存'],
  ['请假审批结果', '说明当次活动为何未签到；随签到记录保存'],
  ['操作记录', '谁在何时做了什么（如补签、审核），用于核查；保存 5 年'],
] as const;
const ERASABLE = [
  ['微信账号与学号的绑定', '删除后本微信不再代表你，可随时重新绑定'],
  ['已分享的成绩单', '全部撤回，验证码失效'],
  ['消息订阅授权', '不再收到活动提醒等消息'],
  ['网页登录与绑定尝试记录', '结束电脑端登录，清除输错身份证后六位的记录'],
  ['关注的活动类型', '不再收到新活动提醒'],
  ['未到场记录与报名限制', '全部删除，报名限制随之解除'],
  ['请假原因与照片', '原因清除，照片文件删除（审批结果保留）'],
  ['尚未截止的抽签申请', '撤回，不参加开奖'],
] as const;

/**
 * 我的数据 (privacy subpackage): what the school stores about the student and for how long; the export of all of it
 * (a workbook); the request to delete what may go, and its answer; unbinding this WeChat account. Every step is
 * audited on the server.
 */
export default function MyDataPage() {
  const { bound, loaded: meLoaded, binding } = useUserStore();
  const { request, loaded, error, exporting, requesting } = useMyDataStore();
  const { load, exportData, requestDeletion } = useMyDataStore.getState();
  const [toastNode, showToast] = usePageToast();
  const [note, setNote] = useState('');
  const [asking, setAsking] = useState<'delete' | 'unbind' | null>(null);
  const [unbound, setUnbound] = useState<string | null>(null);

  // Unbound too: the answer to a request this account filed (completing it unbinds) is shown here. Asked on every
  // show, and once the account is known (a link opened this page first: getMe answers after the first show).
  const signedIn = useUserStore((s) => s.signedIn);
  const studentNo = useUserStore((s) => s.student?.studentNo ?? null);
  useDidShow(() => {
    const user = useUserStore.getState();
    if (!user.loaded && !user.loading) void user.getMe({ silent: true });
    if (user.signedIn) void load({ silent: useMyDataStore.getState().loaded });
  });
  useEffect(() => {
    if (signedIn) void load({ silent: useMyDataStore.getState().loaded });
  }, [signedIn, studentNo]);

  async function download() {
    const saved = await exportData();
    if (saved.ok) showToast(`已导出 ${saved.value.rowCount} 条记录`, 'success');
    else showToast(saved.message, 'fail');
  }

  async function fileRequest() {
    const filed = await requestDeletion(note);
    setAsking(null);
    if (filed.ok) {
      setNote('');
      showToast('已提交删除申请', 'success');
    } else showToast(filed.message, 'fail');
  }

  async function unbind() {
    const studentNo = useUserStore.getState().student?.studentNo ?? '';
    const done = await useUserStore.getState().unbindMyself();
    setAsking(null);
    if (done.ok) {
      setUnbound(studentNo);
      void load({ silent: true }); // the account's own request, if any, stays readable
      void Taro.pageScrollTo({ scrollTop: 0, duration: 0 });
      showToast('已解除绑定', 'success');
    } else showToast(done.message, 'fail');
  }

  const pending = request?.status === 'pending';
  const requestView = request ? (
    <View className={`my-data-request my-data-request--${request.status}`} data-status={request.status}>
      <Text className='my-data-request__status'>
        {pending ? '删除申请处理中' : '删除申请已处理'}
      </Text>
      <Text className='my-data-request__line'>{`提交于 ${formatDateTime(request.createdAt)}${request.note ? ` · ${request.note}` : ''}`}</Text>
      {request.completedAt ? (
        <Text className='my-data-request__line'>{`处理于 ${formatDateTime(request.completedAt)}`}</Text>
      ) : (
        <Text className='my-data-request__line'>校团委将在 15 个工作日内处理。处理后本微信解除绑定，仍可在“我的 → 我的数据”查看处理结果。</Text>
      )}
      {request.reply ? <Text className='my-data-request__reply my-data-reply'>{`校团委答复：${request.reply}`}</Text> : null}
    </View>
  ) : null;

  const policy = (
    <>
      <View className='my-data-card my-data-kept'>
        <Text className='my-data-card__title'>须保留的记录</Text>
        <Text className='my-data-card__note'>以下记录是学校的第二课堂成绩依据，申请删除后仍按隐私政策保留：</Text>
        {KEPT.map(([what, why]) => (
          <View key={what} className='my-data-item'>
            <Text className='my-data-item__what'>{what}</Text>
            <Text className='my-data-item__why'>{why}</Text>
          </View>
        ))}
      </View>
      <View className='my-data-card my-data-erasable'>
        <Text className='my-data-card__title'>可申请删除的信息</Text>
        {ERASABLE.map(([what, why]) => (
          <View key={what} className='my-data-item'>
            <Text className='my-data-item__what'>{what}</Text>
            <Text className='my-data-item__why'>{why}</Text>
          </View>
        ))}
        <Text className='my-data-card__note'>身份证后六位只保存经密钥计算的摘要，无法还原成数字，也不会出现在导出文件中。</Text>
        <Text className='my-data-card__link my-data-policy-link' onClick={openPrivacyPolicy}>
          查看完整的隐私政策
        </Text>
      </View>
    </>
  );

  if (unbound !== null || (meLoaded && !bound)) {
    return (
      <View className='my-data-page'>
        <PageHeader title='我的数据' />
        <PageHero badge='个人信息' title='我的数据' subtitle='查看、导出你的个人信息，或申请删除' />
        <View className='my-data-card my-data-unbound'>
          <Text className='my-data-card__title'>{unbound !== null ? '已解除绑定' : '尚未绑定学号'}</Text>
          <Text className='my-data-card__note'>
            {unbound !== null
              ? `本微信账号已不再代表学号 ${unbound}。你的报名、签到与学分记录仍属于该学号，重新绑定后可以看到。`
              : '绑定学号后，可以在这里导出你的数据或申请删除。'}
          </Text>
          {requestView}
          <Button className='my-data-action my-data-back' type='primary' fill='outline' onClick={openMe}>
            返回我的
          </Button>
        </View>
        {policy}
        {toastNode}
      </View>
    );
  }

  return (
    <View className='my-data-page'>
      <PageHeader title='我的数据' />
      <PageHero badge='个人信息' title='我的数据' subtitle='查看、导出你的个人信息，或申请删除' />

      <View className='my-data-card my-data-export'>
        <Text className='my-data-card__title'>导出我的数据</Text>
        <Text className='my-data-card__note'>
          一个 Excel 文件，包含本系统保存的关于你的全部信息：基本信息、报名（含抽签）、请假、未到场与报名限制、关注、签到、学分、申诉、团队、分享的成绩单、消息与操作记录。
        </Text>
        <Button className='my-data-action my-data-export-button' type='primary' loading={exporting} disabled={exporting} onClick={() => void download()}>
          导出 Excel
        </Button>
      </View>

      <View className='my-data-card my-data-deletion'>
        <Text className='my-data-card__title'>申请删除</Text>
        {error && !loaded ? (
          <ErrorState className='my-data-error' exit={false} message={error} onRetry={() => void load()} />
        ) : null}
        {requestView}
        {!pending && loaded ? (
          <>
            <Text className='my-data-card__note'>
              删除由校团委处理：解除绑定、撤回已分享的成绩单，删除消息授权、网页登录、关注、未到场记录与请假照片等。学分等须保留的记录不会删除，详见下方说明。
            </Text>
            <Textarea
              className='my-data-note my-data-note-input'
              value={note}
              maxlength={NOTE_MAX}
              placeholder='说明（选填），例如：已毕业，不再使用'
              onInput={(e) => setNote(e.detail.value)}
            />
            <Button className='my-data-action my-data-request-button' type='primary' fill='outline' disabled={requesting} onClick={() => setAsking('delete')}>
              申请删除我的个人信息
            </Button>
          </>
        ) : null}
      </View>

      <View className='my-data-card my-data-unbind'>
        <Text className='my-data-card__title'>解除绑定</Text>
        <Text className='my-data-card__note'>立即解除本微信账号与学号的绑定。记录仍属于学号，重新绑定后可以看到。</Text>
        <Button className='my-data-action my-data-unbind-button' type='default' disabled={binding} onClick={() => setAsking('unbind')}>
          解除绑定
        </Button>
      </View>

      {policy}

      <ConfirmDialog
        visible={asking === 'delete'}
        title='申请删除个人信息？'
        message='校团委处理后，本微信账号将解除绑定，已分享的成绩单将失效。报名、签到与学分记录按隐私政策保留。'
        confirmText='提交申请'
        onConfirm={fileRequest}
        onCancel={() => setAsking(null)}
      />
      <ConfirmDialog
        visible={asking === 'unbind'}
        title='解除绑定？'
        message='解除后本微信不再代表你：不能报名、签到或查看成绩单，直到重新绑定。'
        confirmText='解除绑定'
        onConfirm={unbind}
        onCancel={() => setAsking(null)}
      />
      {toastNode}
    </View>
  );
}
